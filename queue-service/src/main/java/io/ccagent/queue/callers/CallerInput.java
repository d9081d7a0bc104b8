package io.ccagent.queue.callers;

import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerWaiting;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.queue.projection.RecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Consumes {@code queue.events} into the callers-waiting projection. */
@Configuration(proxyBeanMethods = false)
class CallerInput {

    @Bean
    Consumer<Message<byte[]>> callerFacts(EnvelopeCodec codec, CallerRows rows) {
        String[] wanted = {EventTypes.of(CallerWaiting.class).name(), EventTypes.of(CallerLeft.class).name()};
        return message -> {
            if (!RecordType.surelyNoneOf(message, wanted)) {
                rows.apply(codec.decodeRecord(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY), message.getPayload()), message.getHeaders().get(KafkaHeaders.OFFSET, Long.class));
            }
        };
    }
}
