package io.ccagent.stats.ingest;

import io.ccagent.contracts.Topics;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/**
 * Sends a record that cannot be read to {@code <topic>.dlq}, unchanged, with the reason in a header. Done here
 * rather than by throwing, because the binder's batch-mode dead-lettering would also take the good records that
 * follow the bad one in the same batch.
 */
@Component
class DeadLetters {

    static final String REASON_HEADER = "x-exception-message";
    static final String TOPIC_HEADER = "x-original-topic";

    private final StreamBridge bridge;

    DeadLetters(StreamBridge bridge) {
        this.bridge = bridge;
    }

    void send(String topic, Object key, byte[] value, String reason) {
        var message = MessageBuilder.withPayload(value == null ? new byte[0] : value)
                .setHeader(KafkaHeaders.KEY, key)
                .setHeader(REASON_HEADER, reason)
                .setHeader(TOPIC_HEADER, topic)
                .build();
        if (!bridge.send(Topics.deadLetter(topic), message, MimeTypeUtils.APPLICATION_OCTET_STREAM)) {
            throw new IllegalStateException("could not dead-letter a record of " + topic);
        }
    }
}
