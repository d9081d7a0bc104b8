package io.ccagent.queue.agentstatus;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.testkit.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a kill -9 does to the projection: the consumer restarts from its last committed offset and receives again
 * records it had already applied, possibly many. The projection must end where it would have without the crash.
 */
class AgentStatusRowsIT {

    private static final Tenant TENANT = Tenant.of("statuses-it.example.com");
    private static final AgentId DANA = AgentId.of("1002", TENANT);
    private static final AgentId LEE = AgentId.of("1003", TENANT);
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void database() {
        client = MongoClients.create(SharedInfrastructure.get().mongoUri());
        database = client.getDatabase("agent-status-rows-" + UUID.randomUUID());
    }

    @AfterEach
    void close() {
        database.drop();
        client.close();
    }

    private final List<Envelope> log = List.of(
            envelope(0, new AgentProvisioned(DANA, "Dana", null, List.of(), "UTC")),
            envelope(1, new AgentProvisioned(LEE, "Lee", null, List.of(), "UTC")),
            envelope(2, changed(DANA, AgentStatus.OFFLINE, AgentStatus.ONLINE)),
            envelope(3, changed(LEE, AgentStatus.OFFLINE, AgentStatus.BREAK)),
            envelope(4, changed(DANA, AgentStatus.ONLINE, AgentStatus.LUNCH)),
            envelope(5, changed(LEE, AgentStatus.BREAK, AgentStatus.ONLINE)));

    @Test
    void aPollRedeliveredAfterACrashConvergesWithoutDuplicates() {
        AgentStatusRows rows = new AgentStatusRows(database);
        rows.apply(log.subList(0, 2));
        rows.apply(log.subList(2, 5));
        AgentStatusRows afterRestart = new AgentStatusRows(database);
        afterRestart.apply(log.subList(2, log.size()));

        assertThat(afterRestart.of(TENANT)).containsExactly(
                new AgentStatusRows.Row(DANA.toString(), "LUNCH", T0.plusSeconds(4), null),
                new AgentStatusRows.Row(LEE.toString(), "ONLINE", T0.plusSeconds(5), null));
    }

    @Test
    void aStatusChangeAndACallInOnePollAreBothKept() {
        AgentStatusRows rows = new AgentStatusRows(database);
        rows.apply(List.of(envelope(0, new AgentProvisioned(DANA, "Dana", null, List.of(), "UTC")),
                envelope(1, changed(DANA, AgentStatus.OFFLINE, AgentStatus.ONLINE)),
                envelope(2, new AgentCallStarted(DANA, CallId.of("talk-1"), null,
                        DeviceId.of("1002", TENANT)))));

        assertThat(rows.of(TENANT)).containsExactly(
                new AgentStatusRows.Row(DANA.toString(), "ONLINE", T0.plusSeconds(1), "talk-1"));

        rows.apply(List.of(envelope(3, new AgentCallEnded(DANA, CallId.of("talk-1"), null)),
                envelope(4, new AgentProvisioned(DANA, "Dana", null, List.of(), "UTC"))));
        assertThat(rows.of(TENANT)).as("a later provisioning does not reset the status")
                .containsExactly(new AgentStatusRows.Row(DANA.toString(), "ONLINE", T0.plusSeconds(1), null));
    }

    @Test
    void aPageReadsOnlyItsAgentsRows() {
        AgentStatusRows rows = new AgentStatusRows(database);
        AgentId elsewhere = AgentId.of("1003", Tenant.of("statuses-other.example.com"));
        rows.apply(log);
        rows.apply(List.of(envelope(6, new AgentProvisioned(elsewhere, "Lee elsewhere", null, List.of(), "UTC"))));

        assertThat(rows.of(List.of(LEE))).containsExactly(
                new AgentStatusRows.Row(LEE.toString(), "ONLINE", T0.plusSeconds(5), null));
        assertThat(rows.of(List.of(LEE, DANA))).extracting(AgentStatusRows.Row::agent)
                .containsExactly(DANA.toString(), LEE.toString());
        assertThat(rows.of(List.<AgentId>of())).isEmpty();
        assertThat(rows.of(TENANT)).as("the whole tenant as before").hasSize(2);
    }

    @Test
    void replayingTheWholeTopicChangesNothing() {
        AgentStatusRows rows = new AgentStatusRows(database);
        for (int offset = 0; offset < log.size(); offset++) {
            rows.apply(List.of(log.get(offset)));
        }
        List<AgentStatusRows.Row> before = rows.of(TENANT);
        rows.apply(log);
        assertThat(rows.of(TENANT)).isEqualTo(before).hasSize(2);
    }

    private static AgentStatusChanged changed(AgentId agent, AgentStatus from, AgentStatus to) {
        return new AgentStatusChanged(agent, from, to, ChangeSource.PORTAL, agent.toString());
    }

    private static Envelope envelope(int second, io.ccagent.contracts.Event event) {
        return Envelope.of(UUID.nameUUIDFromBytes(("e" + second).getBytes()), T0.plusSeconds(second), null, event);
    }
}
