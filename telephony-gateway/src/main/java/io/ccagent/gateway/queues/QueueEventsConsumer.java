package io.ccagent.gateway.queues;

import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueDeleted;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/** Reads {@code queue.events} for queue extensions (created, deleted); undecodable records fail and go to the dead-letter topic. */
@Configuration(proxyBeanMethods = false)
class QueueEventsConsumer {

    @Bean
    Consumer<Message<byte[]>> queueEvents(EnvelopeCodec codec, QueueDirectory directory) {
        return message -> {
            Envelope envelope = codec.decodeRecord(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY),
                    message.getPayload());
            envelope.dataAs(QueueConfigured.class).ifPresent(directory::configured);
            envelope.dataAs(QueueDeleted.class).ifPresent(directory::deleted);
        };
    }
}
