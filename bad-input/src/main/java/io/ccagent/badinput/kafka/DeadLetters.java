package io.ccagent.badinput.kafka;

import io.ccagent.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * The one shape of a dead letter: the unreadable record's key and value unchanged, on {@code <topic>.dlq}, with where
 * it came from and why in headers. The header names are those the Spring Cloud Stream Kafka binder writes when it
 * dead-letters a record itself, so every dead letter of the system reads the same.
 */
public final class DeadLetters {

    public static final String ORIGINAL_TOPIC = "x-original-topic";
    public static final String ORIGINAL_PARTITION = "x-original-partition";
    public static final String ORIGINAL_OFFSET = "x-original-offset";
    public static final String EXCEPTION_CLASS = "x-exception-fqcn";
    public static final String REASON = "x-exception-message";

    private DeadLetters() {
    }

    /** Where an unreadable record was read: its topic, partition and offset. */
    public record Source(String topic, int partition, long offset) {

        public static Source of(ConsumerRecord<?, ?> record) {
            return new Source(record.topic(), record.partition(), record.offset());
        }
    }

    public static <K> ProducerRecord<K, byte[]> of(ConsumerRecord<K, byte[]> record, Exception reason) {
        return of(Source.of(record), record.key(), record.value(), reason);
    }

    public static <K> ProducerRecord<K, byte[]> of(Source source, K key, byte[] value, Exception reason) {
        ProducerRecord<K, byte[]> dead = new ProducerRecord<>(Topics.deadLetter(source.topic()), key, value);
        Headers headers = dead.headers();
        headers.add(ORIGINAL_TOPIC, text(source.topic()));
        headers.add(ORIGINAL_PARTITION, text(Integer.toString(source.partition())));
        headers.add(ORIGINAL_OFFSET, text(Long.toString(source.offset())));
        headers.add(EXCEPTION_CLASS, text(reason.getClass().getName()));
        headers.add(REASON, text(String.valueOf(reason.getMessage())));
        return dead;
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
