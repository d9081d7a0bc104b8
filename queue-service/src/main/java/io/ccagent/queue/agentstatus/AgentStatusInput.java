package io.ccagent.queue.agentstatus;

import io.ccagent.contracts.wire.EnvelopeCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Consumes {@code agent.events} into the agent status projection. */
@Configuration(proxyBeanMethods = false)
class AgentStatusInput {

    @Bean
    Consumer<Message<byte[]>> agentStatuses(EnvelopeCodec codec, AgentStatusRows statuses) {
        return message -> statuses.apply(codec.decodeRecord(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY), message.getPayload()),
                message.getHeaders().get(KafkaHeaders.OFFSET, Long.class));
    }
}
