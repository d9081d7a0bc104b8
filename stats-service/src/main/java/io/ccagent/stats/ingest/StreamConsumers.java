package io.ccagent.stats.ingest;

import io.ccagent.contracts.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.util.List;
import java.util.function.Consumer;

/** The four input bindings (batch mode; group and batch size in application.yml). */
@Configuration
class StreamConsumers {

    @Bean
    Consumer<Message<List<byte[]>>> callEvents(IngestPipeline pipeline) {
        return message -> pipeline.consume(Topics.CALL_EVENTS, message.getPayload(), keys(message));
    }

    @Bean
    Consumer<Message<List<byte[]>>> agentEvents(IngestPipeline pipeline) {
        return message -> pipeline.consume(Topics.AGENT_EVENTS, message.getPayload(), keys(message));
    }

    @Bean
    Consumer<Message<List<byte[]>>> queueEvents(IngestPipeline pipeline) {
        return message -> pipeline.consume(Topics.QUEUE_EVENTS, message.getPayload(), keys(message));
    }

    @Bean
    Consumer<Message<List<byte[]>>> queueFacts(IngestPipeline pipeline) {
        return message -> pipeline.consume(Topics.QUEUE_FACTS, message.getPayload(), keys(message));
    }

    /** In batch mode each header holds one value per record. */
    private static List<?> keys(Message<?> message) {
        return message.getHeaders().get(KafkaHeaders.RECEIVED_KEY, List.class);
    }
}
