package io.ccagent.portal.live;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.portal.PortalSettings;
import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.account.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

class LiveHubTest {

    private static final Tenant XYZ = Tenant.of("xyz.test");
    private static final PortalUser AGENT = new PortalUser("1002@xyz.test", "Dana", "d@x", Scope.AGENT, null);
    private static final PortalUser SUPERVISOR = new PortalUser("1100@xyz.test", "Sam", "s@x", Scope.SUPERVISOR, null);

    private final MeterRegistry meters = new SimpleMeterRegistry();

    /** Writers that never get to run: every stream falls behind. */
    private final List<Runnable> stalled = new ArrayList<>();

    private LiveHub hub(int queue, Executor writers) {
        return new LiveHub(new PortalSettings.Live(queue, 1, Duration.ofMinutes(1), Duration.ofSeconds(5)), meters,
                writers);
    }

    @Test
    void aStreamThatFallsBehindIsDroppedAndCountedWithoutBlockingThePublisher() {
        LiveHub hub = hub(4, stalled::add);
        hub.subscribe(SUPERVISOR, "s1"); // its greeting takes one place

        for (int i = 0; i < 4; i++) {
            hub.publish(statusOf(AGENT, AgentStatus.values()[i]));
        }

        assertThat(meters.counter("cca.portal.live.dropped").count()).isEqualTo(1);
        assertThat(hub.listensTo("xyz.test")).as("the dropped stream no longer counts as listening").isFalse();
        assertThat(stalled).as("one writer task scheduled for the stream, not one per event").hasSize(1);
    }

    @Test
    void aFrameIsRenderedOnceAsServerSentEventTextWithOneDataLinePerLine() {
        Subscriber.Frame frame = Subscriber.Frame.of("cca", "e-1", "{\"a\":1,\n\"b\":2}", 7);

        assertThat(new String(frame.rendered(), StandardCharsets.UTF_8))
                .isEqualTo("event:cca\nid:e-1\ndata:{\"a\":1,\ndata:\"b\":2}\n\n");
        assertThat(new String(Subscriber.Frame.of("hello", null, "{}", -1).rendered(), StandardCharsets.UTF_8))
                .isEqualTo("event:hello\ndata:{}\n\n");
    }

    @Test
    void onlyTenantsSomebodyWatchesAreWanted() {
        LiveHub hub = hub(16, Runnable::run);
        assertThat(hub.listensTo("xyz.test")).isFalse();

        hub.subscribe(AGENT, "s1");

        assertThat(hub.listensTo("xyz.test")).isTrue();
        assertThat(hub.listensTo("other.test")).isFalse();
        assertThat(hub.listensTo(null)).isFalse();
    }

    @Test
    void ownChangesGoAtOnceToTheUsersOwnStreamsOnly() {
        LiveHub hub = hub(16, Runnable::run);
        hub.subscribe(AGENT, "tab-1");
        hub.subscribe(AGENT, "tab-2");
        hub.subscribe(SUPERVISOR, "wallboard");

        hub.publishOwn(AGENT, List.of(statusOf(AGENT, AgentStatus.LUNCH)));
        assertThat(meters.counter("cca.portal.live.pushed").count()).isEqualTo(2);

        hub.publish(statusOf(AGENT, AgentStatus.BREAK));
        assertThat(meters.counter("cca.portal.live.pushed").count()).as("from Kafka: everyone allowed").isEqualTo(5);
        assertThat(meters.timer("cca.portal.push.latency").count()).isEqualTo(5);
    }

    @Test
    void streamsClosePerUserAndPerSession() {
        LiveHub hub = hub(16, Runnable::run);
        hub.subscribe(AGENT, "phone");
        hub.subscribe(AGENT, "desk");
        hub.subscribe(SUPERVISOR, "wallboard");

        assertThat(hub.closeStreamsOfSession("desk")).isEqualTo(1);
        assertThat(hub.closeStreamsOfUser(XYZ, "1002@XYZ.test")).isEqualTo(1);
        assertThat(hub.closeStreamsOfUser(XYZ, "1002@xyz.test")).isZero();

        hub.publish(statusOf(AGENT, AgentStatus.LUNCH));
        assertThat(meters.counter("cca.portal.live.pushed").count()).as("only the supervisor's stream is left")
                .isEqualTo(1);
    }

    private static Envelope statusOf(PortalUser user, AgentStatus to) {
        AgentId agent = user.agentId();
        return Envelope.of(UUID.randomUUID(), Instant.now(), null,
                new AgentStatusChanged(agent, AgentStatus.OFFLINE, to, ChangeSource.PORTAL, agent.toString()));
    }
}
