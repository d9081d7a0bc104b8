package io.ccagent.agent.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.ccagent.contracts.agent.AgentEvent;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.QueueMembershipChanged;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.testkit.SharedInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent list: its pages (also on rows as an older version stored them, without their queues) and its folding. */
class AgentListIT {

    private static final Tenant TENANT = Tenant.of("agent-list-it.example.com");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()).build();

    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void database() {
        client = MongoClients.create(SharedInfrastructure.get().mongoUri());
        database = client.getDatabase("agent-list-" + UUID.randomUUID());
    }

    @AfterEach
    void close() {
        database.drop();
        client.close();
    }

    private void olderRow(String ext, String status, String queue) {
        String id = ext + "@" + TENANT.domain();
        String queues = queue == null ? "[]" : "[{\"queue\":\"" + queue + "@" + TENANT.domain()
                + "\",\"loggedIn\":true,\"devices\":[],\"priority\":1}]";
        database.getCollection("agent_list").insertOne(new Document("_id", id).append("tenant", TENANT.domain())
                .append("status", status).append("sequence", 3L).append("state", "{}")
                .append("view", "{\"agent\":\"" + id + "\",\"status\":\"" + status + "\",\"queues\":" + queues + "}"));
    }

    private AgentList list() {
        return new AgentList(database, SERIALIZER, JSON, new SimpleMeterRegistry());
    }

    private static List<String> agentsOf(JsonNode page) {
        List<String> agents = new ArrayList<>();
        page.path("items").forEach(item -> agents.add(item.path("agent").asString()));
        return agents;
    }

    @Test
    void rowsOfAnOlderLayoutGetTheirQueuesAtStartUpAndArePagedByQueue() {
        olderRow("1003", "ONLINE", "8001");
        olderRow("1001", "LUNCH", "8001");
        olderRow("1002", "SINGLE_CALL", null);
        database.getCollection("agent_list").insertOne(new Document("_id", "1009@" + TENANT.domain())
                .append("tenant", TENANT.domain()).append("status", null).append("sequence", 0L)
                .append("state", "{}").append("view", null));
        AgentList list = list();

        JsonNode sales = JSON.readTree(list.pageJson(TENANT, QueueId.of("8001", TENANT), 0, 50));
        assertThat(sales.path("total").asInt()).isEqualTo(2);
        assertThat(sales.path("online").asInt()).isEqualTo(1);
        assertThat(agentsOf(sales))
                .containsExactly("1001@" + TENANT.domain(), "1003@" + TENANT.domain());

        JsonNode second = JSON.readTree(list.pageJson(TENANT, null, 1, 2));
        assertThat(second.path("total").asInt()).as("not provisioned: not listed").isEqualTo(3);
        assertThat(second.path("online").asInt()).isEqualTo(2);
        assertThat(agentsOf(second))
                .containsExactly("1003@" + TENANT.domain());
        assertThat(JSON.readTree(list.pageJson(Tenant.of("elsewhere.example.com"), null, 0, 50)).path("total")
                .asInt()).as("another tenant's page").isZero();
    }

    @Test
    void aTrackingBatchEndsAsTheSameRowsAsItsEventsOneByOneAndARepeatedBatchChangesNothing() throws Exception {
        AgentId ann = AgentId.of("1101", TENANT);
        AgentId bob = AgentId.of("1102", TENANT);
        List<DomainEventMessage<AgentEvent>> events = List.of(
                event(ann, 0, new AgentProvisioned(ann, "Ann", "ann@example.com", List.of(), "UTC")),
                event(bob, 0, new AgentProvisioned(bob, "Bob", "bob@example.com", List.of(), "UTC")),
                event(ann, 1, new AgentStatusChanged(ann, AgentStatus.OFFLINE, AgentStatus.ONLINE,
                        ChangeSource.PORTAL, "1101")),
                event(bob, 1, new AgentStatusChanged(bob, AgentStatus.OFFLINE, AgentStatus.BREAK,
                        ChangeSource.STAR_CODE, "1102")),
                event(ann, 2, new AgentStatusChanged(ann, AgentStatus.ONLINE, AgentStatus.LUNCH,
                        ChangeSource.PORTAL, "1101")));
        AgentList batched = list();
        inOneBatch(batched, events);
        List<Document> rows = rows(database);

        MongoDatabase oneByOne = client.getDatabase("agent-list-" + UUID.randomUUID());
        try {
            AgentList reference = new AgentList(oneByOne, SERIALIZER, JSON, new SimpleMeterRegistry());
            events.forEach(event -> reference.on(event.getPayload(), event));
            assertThat(rows).isEqualTo(rows(oneByOne));
        } finally {
            oneByOne.drop();
        }
        assertThat(rows).extracting(row -> row.getString("status")).containsExactly("LUNCH", "BREAK");

        inOneBatch(batched, events);
        assertThat(rows(database)).as("the batch again, as after a crash before its token was stored").isEqualTo(rows);
    }

    @Test
    void pagesAndCountsOfALargerTenantFollowStatusChangesFromItsIndexes() throws Exception {
        List<DomainEventMessage<AgentEvent>> provisioning = new ArrayList<>();
        List<String> everyAgent = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            AgentId agent = AgentId.of(String.valueOf(2000 + i), TENANT);
            everyAgent.add(agent.toString());
            provisioning.add(event(agent, 0, new AgentProvisioned(agent, "Agent " + i, null, List.of(), "UTC")));
            provisioning.add(event(agent, 1, new QueueMembershipChanged(agent, QueueId.of("80" + i % 3, TENANT),
                    List.of(DeviceId.of(agent.extension() + "a", TENANT)), 1)));
            if (i % 3 == 0) {
                provisioning.add(event(agent, 2, new AgentStatusChanged(agent, AgentStatus.OFFLINE,
                        AgentStatus.ONLINE, ChangeSource.PORTAL, agent.extension())));
            }
        }
        AgentId named = AgentId.of("2999", TENANT);
        provisioning.add(event(named, 0, new QueueMembershipChanged(named, QueueId.of("800", TENANT),
                List.of(DeviceId.of("2999a", TENANT)), 1))); // named by a queue, never provisioned: not listed
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AgentList list = new AgentList(database, SERIALIZER, JSON, meters);
        inOneBatch(list, provisioning);

        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode answer = JSON.readTree(list.pageJson(TENANT, null, page, 50));
            assertThat(answer.path("total").asInt()).isEqualTo(120);
            assertThat(answer.path("online").asInt()).isEqualTo(40);
            paged.addAll(agentsOf(answer));
        }
        assertThat(paged).as("every agent once, in id order").isEqualTo(everyAgent);
        assertThat(agentsOf(JSON.readTree(list.pageJson(TENANT, null, 7, 50)))).as("past the last: the last")
                .isEqualTo(everyAgent.subList(100, 120));
        JsonNode queue = JSON.readTree(list.pageJson(TENANT, QueueId.of("800", TENANT), 0, 50));
        assertThat(queue.path("total").asInt()).isEqualTo(40);
        assertThat(queue.path("online").asInt()).as("every third agent is online, all of them in queue 800")
                .isEqualTo(40);
        assertThat(meters.get("cca.agent.agents").tag("status", "ONLINE").gauge().value()).isEqualTo(40);

        AgentId first = AgentId.of("2000", TENANT);
        AgentId second = AgentId.of("2001", TENANT);
        inOneBatch(list, List.of(
                event(first, 3, new AgentStatusChanged(first, AgentStatus.ONLINE, AgentStatus.LUNCH,
                        ChangeSource.STAR_CODE, "2000")),
                event(second, 2, new AgentStatusChanged(second, AgentStatus.OFFLINE, AgentStatus.SINGLE_CALL,
                        ChangeSource.PORTAL, "2001"))));
        JsonNode changed = JSON.readTree(list.pageJson(TENANT, null, 0, 50));
        assertThat(changed.path("online").asInt()).as("one left for lunch, one took Single-Call").isEqualTo(40);
        assertThat(JSON.readTree(list.pageJson(TENANT, QueueId.of("800", TENANT), 0, 50)).path("online").asInt())
                .isEqualTo(39);
        assertThat(JSON.readTree(list.pageJson(TENANT, QueueId.of("801", TENANT), 0, 50)).path("online").asInt())
                .isEqualTo(1);
        assertThat(meters.get("cca.agent.agents").tag("status", "LUNCH").gauge().value()).isEqualTo(1);
    }

    private static DomainEventMessage<AgentEvent> event(AgentId agent, long sequence, AgentEvent payload) {
        return new GenericDomainEventMessage<>("Agent", agent.toString(), sequence, payload);
    }

    @SuppressWarnings("unchecked")
    private static void inOneBatch(AgentList list, List<DomainEventMessage<AgentEvent>> events) throws Exception {
        new BatchingUnitOfWork<>(events).executeWithResult(() -> {
            var event = (DomainEventMessage<AgentEvent>) CurrentUnitOfWork.get().getMessage();
            list.on(event.getPayload(), event);
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
    }

    private static List<Document> rows(MongoDatabase in) {
        return in.getCollection("agent_list").find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }
}
