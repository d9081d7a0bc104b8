package io.ccagent.eventsourcing;

import com.mongodb.client.MongoClient;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Axon event store and token store on the service's own MongoDB database. Runs before Axon's auto-configuration
 * so that Axon sees an {@link EventStorageEngine} and builds its embedded event store on it.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class, after = MongoAutoConfiguration.class)
@EnableConfigurationProperties(EventSourcingProperties.class)
public class MongoEventStoreAutoConfiguration {

    /** Metadata key a command can carry so the events it causes are published with that causation id. */
    public static final String CAUSATION_ID = "causationId";

    @Bean
    @ConditionalOnMissingBean
    MongoTemplate axonMongoTemplate(MongoClient client, MongoProperties properties) {
        return DefaultMongoTemplate.builder().mongoDatabase(client, properties.getMongoClientDatabase()).build();
    }

    @Bean
    @ConditionalOnMissingBean
    @SuppressWarnings("deprecation") // ensureIndexes() is still the only way the engine creates its unique index
    EventStorageEngine eventStorageEngine(MongoTemplate template, Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          EventSourcingProperties settings) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(template)
                // every tracking processor (forwarder, projections) reads through this strategy: its look-back
                // decides how late a commit may be and still be seen (Axon's default of 1 s can skip an event)
                .storageStrategy(new WindowedTokensStorageStrategy(settings.lookBack()))
                .batchSize(settings.fetchSize())
                .snapshotSerializer(serializer)
                .snapshotFilter(new KnownSnapshots(serializer))
                .eventSerializer(eventSerializer)
                .build();
        // Without the unique (aggregateIdentifier, sequenceNumber) index two writers could both append
        // sequence n: that index is the optimistic-concurrency guard.
        engine.ensureIndexes();
        return engine;
    }

    @Bean
    @ConditionalOnMissingBean
    TokenStore tokenStore(MongoTemplate template, Serializer serializer) {
        return MongoTokenStore.builder().mongoTemplate(template).serializer(serializer).build();
    }

    @Bean
    CorrelationDataProvider causationIdCorrelation() {
        return new SimpleCorrelationDataProvider(CAUSATION_ID);
    }
}
