package io.ccagent.eventsourcing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the {@link KafkaForwarder} in its own tracking event processor whose token lives in MongoDB, so after a
 * restart it resumes where it stopped instead of publishing everything again. The producer's connection settings
 * (bootstrap servers, TLS, SASL, client properties) come from {@code spring.kafka.*}, the same place as every other
 * Kafka client of the service; only what at-least-once forwarding needs is fixed here.
 */
@AutoConfiguration(after = MongoEventStoreAutoConfiguration.class)
@ConditionalOnProperty(name = "cca.event-sourcing.forwarder.enabled", matchIfMissing = true)
@EnableConfigurationProperties({EventSourcingProperties.class, KafkaProperties.class})
public class KafkaForwarderAutoConfiguration {

    @Bean(destroyMethod = "close")
    KafkaForwarder kafkaForwarder(KafkaProperties kafka, EventSourcingProperties settings,
                                  ObjectProvider<MeterRegistry> meters) {
        Duration sendTimeout = settings.forwarder().sendTimeout();
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "event-forwarder");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // bounded so a broker outage surfaces as a failure (and a retry) instead of a thread blocked for long
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(sendTimeout.toMillis(), 10_000));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(sendTimeout.toMillis(), 10_000));
        // a tenant's events go to one partition: a batch of them fills a few large requests, not dozens of 16 KB ones
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaForwarder(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
                sendTimeout, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    ConfigurerModule kafkaForwarderProcessor(EventSourcingProperties settings) {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(KafkaForwarder.PROCESSING_GROUP)
                .registerTrackingEventProcessorConfiguration(KafkaForwarder.PROCESSING_GROUP, c ->
                        TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(settings.forwarder().batchSize())
                                // from the first event, as a first run and not as Axon's default replay up to the
                                // head: a replay token compares every event with the head's known-event map, which
                                // cost 83 % of the forwarder's CPU on a 30,000-event backlog (forwarder benchmark)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                // a failed publication must not be skipped: propagate so the processor keeps its token and retries
                .registerListenerInvocationErrorHandler(KafkaForwarder.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance());
    }
}
