package io.ccagent.eventsourcing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.Map;

/**
 * Runs the {@link KafkaForwarder} in its own tracking event processor whose token lives in MongoDB, so after a
 * restart it resumes where it stopped instead of publishing everything again.
 */
@AutoConfiguration(after = MongoEventStoreAutoConfiguration.class)
@ConditionalOnProperty(name = "cca.event-sourcing.forwarder.enabled", matchIfMissing = true)
public class KafkaForwarderAutoConfiguration {

    @Bean(destroyMethod = "close")
    KafkaForwarder kafkaForwarder(@Value("${spring.kafka.bootstrap-servers:localhost:9092}") String bootstrapServers,
                                  @Value("${cca.event-sourcing.forwarder.send-timeout:30s}") Duration sendTimeout,
                                  ObjectProvider<MeterRegistry> meters) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "event-forwarder",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // bounded so a broker outage surfaces as a failure (and a retry) instead of a thread blocked for long
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(sendTimeout.toMillis(), 10_000),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(sendTimeout.toMillis(), 10_000));
        return new KafkaForwarder(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
                sendTimeout, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    ConfigurerModule kafkaForwarderProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(KafkaForwarder.PROCESSING_GROUP)
                // a failed publication must not be skipped: propagate so the processor keeps its token and retries
                .registerListenerInvocationErrorHandler(KafkaForwarder.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }
}
