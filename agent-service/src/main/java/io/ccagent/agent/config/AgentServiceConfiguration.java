package io.ccagent.agent.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.ccagent.agent.AgentSettings;
import io.ccagent.badinput.http.Refusal;
import io.ccagent.contracts.wire.EnvelopeCodec;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AgentServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The service's own database; every read model and registry of this service keeps its collection there. */
    @Bean
    MongoDatabase mongoDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.getMongoClientDatabase());
    }

    /** A snapshot every N events, so loading an agent reads at most N events whatever its age. */
    @Bean
    SnapshotTriggerDefinition agentSnapshotTrigger(Snapshotter snapshotter, AgentSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.snapshotAfterEvents());
    }

    @Bean
    EnvelopeCodec envelopeCodec() {
        return new EnvelopeCodec();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Two writers of one agent (portal and star code, or two instances) can race for the same sequence number;
     * the loser gets a concurrency exception (transient) and is retried on the fresh state, so no update is lost.
     * Refusals (rule violations among them) are non-transient and fail at once.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(commandRetryExecutor)
                        .retryInterval(20)
                        .maxRetryCount(10)
                        .addNonTransientFailurePredicate(Refusal.class, refusal -> true)
                        .build())
                .build();
    }

    /**
     * Carries who made a change, from where, and the Kafka record behind it, from the command onto every event it
     * causes (stored with the events, in the same append).
     */
    @Bean
    CorrelationDataProvider sourceAndActorCorrelation() {
        return new SimpleCorrelationDataProvider(ChangeMetadata.SOURCE, ChangeMetadata.ACTOR, ChangeMetadata.INPUT);
    }
}
