package io.ccagent.queue.routing;

import io.ccagent.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/**
 * Sends a record the router cannot read to {@code <topic>.dlq}, as is, with the reason in a header; routing goes on.
 * The router needs this itself because the binder offers no dead-letter topic on a pattern subscription.
 */
@Component
class DeadLetters {

    static final String REASON_HEADER = "x-exception-message";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;

    DeadLetters(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
    }

    void send(String topic, Message<byte[]> message, Exception reason) {
        Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
        String textKey = key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : key == null ? null : key.toString();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.deadLetter(topic), 0, textKey,
                message.getPayload());
        record.headers().add(REASON_HEADER, String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        kafka.send(record);
        meters.counter("cca.queue.routing.dead-lettered", "topic", topic).increment();
        log.warn("Dead-lettered a record of {}: {}", topic, reason.getMessage());
    }
}
