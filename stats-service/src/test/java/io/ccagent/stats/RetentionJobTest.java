package io.ccagent.stats;

import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.agent.AgentViews.RecentCall;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.ccagent.stats.ProjectionFixture.envelope;
import static org.assertj.core.api.Assertions.assertThat;

class RetentionJobTest {

    static final Tenant TENANT = Tenant.of("retention.example.com");
    static final AgentId AGENT = AgentId.of("1002", TENANT);
    static final QueueId QUEUE = QueueId.of("8001", TENANT);
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void detailGoesAfterItsRetentionAndAggregatesAfterTheirs() {
        try (ProjectionFixture fixture = new ProjectionFixture(NOW)) {
            List<Envelope> events = new ArrayList<>();
            for (int daysAgo : new int[]{1, 13, 15, 89, 92}) {
                Instant at = NOW.minus(Duration.ofDays(daysAgo));
                CallId call = CallId.of("c" + daysAgo);
                events.add(envelope(new OutboundPlaced(TENANT, call, DeviceId.of("1002a", TENANT), AGENT, "1", null), at));
                events.add(envelope(new WrapUpStarted(AGENT, call, QUEUE, at.plusSeconds(30)), at));
                events.add(envelope(new WrapUpEnded(AGENT, call), at.plusSeconds(30)));
            }
            fixture.apply(events);

            fixture.retention.purge();

            assertThat(fixture.store.current().calls().countDocuments()).isEqualTo(2);
            assertThat(fixture.store.current().wrapUps().countDocuments()).isEqualTo(2);
            assertThat(fixture.store.current().agentHours().countDocuments()).isEqualTo(4);
            assertThat(fixture.agents.recentCalls(AGENT, 50)).extracting(RecentCall::call)
                    .containsExactly("c1", "c13", "c15", "c89");
        }
    }
}
