package io.ccagent.portal.live;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerLeftReason;
import io.ccagent.contracts.queue.CallerWaiting;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.account.Scope;
import io.ccagent.portal.live.LiveVisibility.Viewer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.ccagent.portal.live.LiveVisibility.View.BARE;
import static io.ccagent.portal.live.LiveVisibility.View.FULL;
import static io.ccagent.portal.live.LiveVisibility.View.NONE;
import static org.assertj.core.api.Assertions.assertThat;

class LiveVisibilityTest {

    private static final Tenant XYZ = Tenant.of("xyz.test");
    private static final Tenant OTHER = Tenant.of("other.test");
    private static final PortalUser AGENT = new PortalUser("1002@xyz.test", "Dana", "d@x", Scope.AGENT, null);
    private static final PortalUser SUPERVISOR = new PortalUser("1100@xyz.test", "Sam", "s@x", Scope.SUPERVISOR, null);
    private static final PortalUser OTHER_SUPERVISOR =
            new PortalUser("1100@other.test", "Oz", "o@x", Scope.OFFICE_MANAGER, null);

    @Test
    void nothingCrossesTenantsEvenForOfficeManagers() {
        assertThat(LiveVisibility.of(Viewer.of(OTHER_SUPERVISOR), envelope(statusOf("1002", XYZ)))).isEqualTo(NONE);
        assertThat(LiveVisibility.of(Viewer.of(OTHER_SUPERVISOR), envelope(callerWaiting(XYZ)))).isEqualTo(NONE);
    }

    @Test
    void anAgentSeesTheirOwnFactsInFullAndNoOneElses() {
        assertThat(LiveVisibility.of(Viewer.of(AGENT), envelope(statusOf("1002", XYZ)))).isEqualTo(FULL);
        assertThat(LiveVisibility.of(Viewer.of(AGENT), envelope(statusOf("1003", XYZ)))).isEqualTo(NONE);
        assertThat(LiveVisibility.of(Viewer.of(AGENT), envelope(availability("1002")))).isEqualTo(FULL);
        assertThat(LiveVisibility.of(Viewer.of(AGENT), envelope(availability("1003")))).isEqualTo(NONE);
    }

    @Test
    void anAgentGetsOnlyABareSignalAboutCallersAndCalls() {
        assertThat(LiveVisibility.of(Viewer.of(AGENT), envelope(callerWaiting(XYZ)))).isEqualTo(BARE);
        assertThat(LiveVisibility.of(Viewer.of(AGENT), envelope(new CallEnded(XYZ, CallId.of("c-1"), EndCause.CALLER_HANGUP))))
                .isEqualTo(BARE);
    }

    @Test
    void theAgentWhoAnsweredSeesTheCallerLeavingInFullWithTheirChangeAndOthersABareSignal() {
        CallerLeft answered = new CallerLeft(QueueId.parse("8001@xyz.test"), CallId.of("c-1"), CallerLeftReason.ANSWERED,
                availability("1002"));

        assertThat(LiveVisibility.of(Viewer.of(AGENT), envelope(answered))).isEqualTo(FULL);
        assertThat(LiveVisibility.of(Viewer.of(new PortalUser("1003@xyz.test", "Lee", "l@x", Scope.AGENT, null)),
                envelope(answered))).isEqualTo(BARE);
    }

    @Test
    void supervisorsSeeTheirWholeTenant() {
        assertThat(LiveVisibility.of(Viewer.of(SUPERVISOR), envelope(statusOf("1003", XYZ)))).isEqualTo(FULL);
        assertThat(LiveVisibility.of(Viewer.of(SUPERVISOR), envelope(callerWaiting(XYZ)))).isEqualTo(FULL);
    }

    private static AgentStatusChanged statusOf(String extension, Tenant tenant) {
        return new AgentStatusChanged(AgentId.of(extension, tenant), AgentStatus.OFFLINE, AgentStatus.ONLINE,
                ChangeSource.PORTAL, extension + "@" + tenant);
    }

    private static AgentAvailabilityChanged availability(String extension) {
        return new AgentAvailabilityChanged(AgentId.of(extension, XYZ), java.util.List.of(
                new AgentAvailabilityChanged.QueueAvailability(QueueId.parse("8001@xyz.test"), false,
                        UnavailableReason.LOGGED_OUT, null)));
    }

    private static CallerWaiting callerWaiting(Tenant tenant) {
        return new CallerWaiting(QueueId.parse("8001@" + tenant), CallId.of("c-1"), "+15551234", "Pat",
                Instant.parse("2026-01-05T10:00:00Z"));
    }

    private static Envelope envelope(Event event) {
        return Envelope.of(UUID.randomUUID(), Instant.parse("2026-01-05T10:00:00Z"), null, event);
    }
}
