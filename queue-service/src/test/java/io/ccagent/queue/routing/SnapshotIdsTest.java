package io.ccagent.queue.routing;

import io.ccagent.contracts.queue.QueueType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotIdsTest {

    private final JsonMapper plain = JsonMapper.builder().build();
    private final JsonMapper once = JsonMapper.builder().addModule(SnapshotIds.module()).build();

    @Test
    void aSnapshotIsTheSameJsonAsWithoutTheModuleAndReadsBackWithOneInstancePerId() {
        RouterScenario s = new RouterScenario().queue("8001", QueueType.ROUND_ROBIN).queue("8002", QueueType.RING_ALL)
                .member("8001", "1001", 1, 1, 1).member("8002", "1001", 1, 1, 1).member("8001", "1002", 1, 2, 1)
                .ready("1001", List.of("8001", "8002")).ready("1002", List.of("8001"));
        s.arrive("c1", "8001").arrive("c2", "8002");
        TenantSnapshot snapshot = s.router.snapshot();

        String json = once.writeValueAsString(snapshot);
        assertThat(json).isEqualTo(plain.writeValueAsString(snapshot));

        TenantSnapshot read = once.readValue(json, TenantSnapshot.class);
        assertThat(read).isEqualTo(snapshot);
        TenantSnapshot.Agent agent = read.agents().stream().filter(a -> a.id().extension().equals("1001")).findFirst()
                .orElseThrow();
        assertThat(read.queues().stream().flatMap(q -> q.memberOrder().stream()).filter(agent.id()::equals))
                .as("parsed once, the same instance wherever it is named").allMatch(id -> id == agent.id());
    }
}
