package io.ccagent.queue.availability;

import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.queue.projection.RecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Consumes {@code queue.events} into the availability projection. */
@Configuration(proxyBeanMethods = false)
class AvailabilityInput {

    @Bean
    Consumer<Message<byte[]>> availabilityFacts(EnvelopeCodec codec, AvailabilityRows rows) {
        String wanted = EventTypes.of(AgentAvailabilityChanged.class).name();
        return message -> {
            if (!RecordType.surelyNoneOf(message, wanted)) {
                rows.apply(codec.decodeRecord(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY), message.getPayload()), message.getHeaders().get(KafkaHeaders.OFFSET, Long.class));
            }
        };
    }
}
