package io.ccagent.system;

import io.ccagent.local.LocalSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kill -9 queue-service while agents change status, start it again: its projection of agent statuses converges to
 * what agent-service (the owner) says, with exactly one row per agent.
 */
@ExtendWith(LocalSystemExtension.class)
class QueueServiceCrashIT {

    private static final String TENANT = "xyzcorporation.com";
    private static final List<String> AGENTS = List.of("1002", "1003", "1004", "1005", "1006");
    private static final List<String> STATUSES = List.of("ONLINE", "LUNCH", "BREAK", "MEETING", "OTHER", "WEB",
            "OFFLINE", "SINGLE_CALL");

    @Test
    void agentStatusProjectionConvergesAfterAKill(LocalSystem system) {
        ServiceClient agents = new ServiceClient(system, "agent-service");
        ServiceClient queues = new ServiceClient(system, "queue-service");
        Random random = new Random(7);

        changeStatuses(agents, random, 20);
        system.kill("queue-service");
        changeStatuses(agents, random, 40);
        system.restart("queue-service");
        changeStatuses(agents, random, 20);

        Map<String, String> truth = new HashMap<>();
        for (String agent : AGENTS) {
            truth.put(agent + "@" + TENANT, agents.get("/tenants/" + TENANT + "/agents/" + agent).get("status").asString());
        }
        // the killed consumer's partitions are handed over after the group's session timeout (10 s) and a rebalance
        Instant deadline = Instant.now().plusSeconds(60);
        Map<String, String> projected = Map.of();
        JsonNode rows = null;
        while (Instant.now().isBefore(deadline)) {
            rows = queues.get("/tenants/" + TENANT + "/agent-statuses");
            projected = new HashMap<>();
            for (JsonNode row : rows) {
                projected.put(row.get("agent").asString(), row.get("status").asString());
            }
            if (projected.equals(truth)) {
                break;
            }
            sleep(Duration.ofMillis(200));
        }
        assertThat(projected).isEqualTo(truth);
        assertThat(rows.size()).as("one row per agent, no duplicates: %s", rows).isEqualTo(AGENTS.size());
    }

    private static void changeStatuses(ServiceClient agents, Random random, int count) {
        for (int i = 0; i < count; i++) {
            String agent = AGENTS.get(random.nextInt(AGENTS.size()));
            String status = STATUSES.get(random.nextInt(STATUSES.size()));
            agents.post("/tenants/" + TENANT + "/agents/" + agent + "/status", Map.of("status", status),
                    agent + "@" + TENANT);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
