package io.ccagent.stats.ingest;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.wire.TypeHeader;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.backoff.ExponentialBackOff;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The three input bindings (batch mode; group and batch size in application.yml) and their error handling. */
@Configuration
class StreamConsumers {

    @Bean
    Consumer<Message<List<byte[]>>> callEvents(IngestPipeline pipeline) {
        return message -> consume(pipeline, Topics.CALL_EVENTS, message);
    }

    @Bean
    Consumer<Message<List<byte[]>>> agentEvents(IngestPipeline pipeline) {
        return message -> consume(pipeline, Topics.AGENT_EVENTS, message);
    }

    @Bean
    Consumer<Message<List<byte[]>>> queueEvents(IngestPipeline pipeline) {
        return message -> consume(pipeline, Topics.QUEUE_EVENTS, message);
    }

    @Bean
    Consumer<Message<List<byte[]>>> queueFacts(IngestPipeline pipeline) {
        return message -> consume(pipeline, Topics.QUEUE_FACTS, message);
    }

    /**
     * The safety net behind {@link Projector}'s own retries: a batch whose listener still fails (the dead-letter topic
     * unreachable, say) is retried whole with back-off while its consumer is paused; it is never skipped.
     */
    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> retryFailedBatches() {
        return (container, destination, group) -> {
            ExponentialBackOff backOff = new ExponentialBackOff(100, 2);
            backOff.setMaxInterval(5_000);
            container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        };
    }

    private static void consume(IngestPipeline pipeline, String topic, Message<List<byte[]>> message) {
        MessageHeaders headers = message.getHeaders();
        pipeline.consume(topic, new IngestPipeline.Batch(message.getPayload(),
                headers.get(KafkaHeaders.RECEIVED_PARTITION, List.class), headers.get(KafkaHeaders.OFFSET, List.class),
                headers.get(KafkaHeaders.RECEIVED_KEY, List.class), types(message)));
    }

    /** In batch mode each header holds one value per record; the record headers come as one map per record. */
    private static List<Object> types(Message<?> message) {
        List<?> headers = message.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS, List.class);
        return headers == null ? null
                : headers.stream().<Object>map(record -> ((Map<?, ?>) record).get(TypeHeader.NAME)).toList();
    }
}
