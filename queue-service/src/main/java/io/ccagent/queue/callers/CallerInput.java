package io.ccagent.queue.callers;

import io.ccagent.contracts.wire.EnvelopeCodec;
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
        return message -> rows.apply(codec.decode(message.getPayload()),
                message.getHeaders().get(KafkaHeaders.OFFSET, Long.class));
    }
}
