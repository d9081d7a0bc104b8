package io.ccagent.agent.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.testkit.SharedInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

/** The agent list's pages on rows as an older version stored them (without their queues). */
class AgentListIT {

    private static final Tenant TENANT = Tenant.of("agent-list-it.example.com");
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        return new AgentList(database, JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules()).build(), JSON, new SimpleMeterRegistry());
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
}
