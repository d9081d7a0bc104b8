package io.ccagent.queue.routing;

import io.ccagent.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * The record that carries an input the router cannot read to {@code <topic>.dlq}, as is, with the reason in a header.
 * It is sent in the same transaction as the poll's routing, so a dead letter is written exactly once.
 */
final class DeadLetters {

    static final String REASON_HEADER = "x-exception-message";

    private DeadLetters() {
    }

    static ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> record, Exception reason) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.deadLetter(record.topic()), 0, record.key(),
                record.value());
        dead.headers().add(REASON_HEADER, String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        return dead;
    }
}
