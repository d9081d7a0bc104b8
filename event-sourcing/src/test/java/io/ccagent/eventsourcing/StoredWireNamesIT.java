package io.ccagent.eventsourcing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.SharedInfrastructure;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.UUID;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/** The event store on real MongoDB names events by wire name, and still reads what it stored under class names. */
class StoredWireNamesIT {

    private final Infrastructure infra = SharedInfrastructure.get();
    private final AgentId agent = AgentId.parse("1002@wire-names-it.example.com");

    @Test
    void eventsAreStoredUnderWireNamesAndEntriesStoredUnderClassNamesStillLoad() {
        String database = "es-wire-" + UUID.randomUUID();
        try (ConfigurableApplicationContext context = start(database)) {
            EventStore store = context.getBean(EventStore.class);
            store.publish(new GenericDomainEventMessage<>("Agent", "agent-w", 0, change(AgentStatus.ONLINE)));
            MongoCollection<Document> events = context.getBean(MongoClient.class).getDatabase(database)
                    .getCollection("domainevents");
            Document stored = events.find(eq("aggregateIdentifier", "agent-w")).first();

            assertThat(stored.getString("payloadType")).isEqualTo("agent.StatusChanged");
            assertThat(stored.getString("payloadRevision")).isEqualTo("1");

            // an entry as the store wrote it before wire names: the Java class name, no revision
            Document legacy = new Document(stored);
            legacy.remove("_id");
            legacy.put("sequenceNumber", 1L);
            legacy.put("eventIdentifier", UUID.randomUUID().toString());
            legacy.put("payloadType", AgentStatusChanged.class.getName());
            legacy.put("payloadRevision", null);
            events.insertOne(legacy);

            assertThat(store.readEvents("agent-w").asStream().map(m -> (Object) m.getPayload()))
                    .containsExactly(change(AgentStatus.ONLINE), change(AgentStatus.ONLINE));
        }
    }

    private AgentStatusChanged change(AgentStatus to) {
        return new AgentStatusChanged(agent, AgentStatus.OFFLINE, to, ChangeSource.PORTAL, agent.toString());
    }

    private ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(ForwarderTestApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.mongodb.uri=" + infra.mongoUri(),
                        "--spring.mongodb.database=" + database,
                        "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                        "--cca.event-sourcing.forwarder.enabled=false",
                        "--axon.axonserver.enabled=false",
                        "--axon.serializer.general=jackson",
                        "--axon.serializer.events=jackson",
                        "--axon.serializer.messages=jackson");
    }
}
