package io.ccagent.queue.routing;

import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.DeviceActivated;
import io.ccagent.contracts.agent.DeviceDeactivated;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.call.DeviceUnregistered;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerLeftReason;
import io.ccagent.contracts.queue.QueueDeleted;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueMemberUpdated;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.contracts.routing.ApplyUnansweredAction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ccagent.queue.routing.RouterScenario.TENANT;
import static io.ccagent.queue.routing.RouterScenario.agent;
import static io.ccagent.queue.routing.RouterScenario.call;
import static io.ccagent.queue.routing.RouterScenario.device;
import static io.ccagent.queue.routing.RouterScenario.queue;
import static org.assertj.core.api.Assertions.assertThat;

/** Each reason an agent is red in a queue, as agent, phone and queue facts arrive, and how it clears. */
class RouterAvailabilityTest {

    private static final List<String> Q1 = List.of("8001");

    private final RouterScenario s = new RouterScenario().queue("8001", QueueType.ROUND_ROBIN)
            .member("8001", "1001", 1, 1, 1).ready("1001", Q1);

    private UnavailableReason reason() {
        return s.router.availability(agent("1001"), queue("8001"), s.now).reason();
    }

    @Test
    void aPhoneSwitchedOffLeavesNoActiveDeviceUntilItIsSwitchedOnAgain() {
        s.on(new DeviceDeactivated(agent("1001"), device("1001"), "1001"));
        assertThat(reason()).isEqualTo(UnavailableReason.NO_ACTIVE_DEVICE);

        s.arrive("c1", "8001");
        assertThat(s.offers()).isEmpty();

        s.on(new DeviceActivated(agent("1001"), device("1001"), "1001"));
        assertThat(s.offered()).as("the waiting caller rings the phone at once").containsExactly("1001");
        assertThat(reason()).isEqualTo(UnavailableReason.RINGING);
    }

    @Test
    void anUnregisteredPhoneCannotBeRung() {
        s.on(new DeviceUnregistered(TENANT, device("1001"), agent("1001"), "expired"));

        assertThat(reason()).isEqualTo(UnavailableReason.DEVICE_UNREGISTERED);
        s.arrive("c1", "8001");
        assertThat(s.offers()).isEmpty();
    }

    @Test
    void aDirectCallMakesTheAgentBusyForQueueCallsUntilItEnds() {
        s.on(new AgentCallStarted(agent("1001"), call("direct-1"), null, device("1001")));
        assertThat(reason()).isEqualTo(UnavailableReason.ON_CALL);
        s.arrive("c1", "8001");
        assertThat(s.offers()).isEmpty();

        s.on(new AgentCallEnded(agent("1001"), call("direct-1"), null));

        assertThat(s.offered()).as("the waiting caller rings the phone at once").containsExactly("1001");
        assertThat(reason()).isEqualTo(UnavailableReason.RINGING);
    }

    @Test
    void agentServiceReportingACallStartAfterTheCallEndedDoesNotPutTheAgentBackOnIt() {
        s.arrive("c1", "8001").answer("c1", "1001").end("c1");
        assertThat(reason()).isEqualTo(UnavailableReason.NONE);

        s.on(new AgentCallStarted(agent("1001"), call("c1"), queue("8001"), device("1001")));

        assertThat(reason()).as("agent-service lags behind the call facts: c1 is over").isEqualTo(UnavailableReason.NONE);
        s.arrive("c2", "8001");
        assertThat(s.offered()).containsExactly("1001");
    }

    @Test
    void aLateStartOfAnEndedCallDoesNotTakeTheAgentOffTheCallItIsOnNow() {
        s.arrive("c1", "8001").answer("c1", "1001").end("c1");
        s.arrive("c2", "8001").answer("c2", "1001");

        s.on(new AgentCallStarted(agent("1001"), call("c1"), queue("8001"), device("1001")));
        s.on(new AgentCallEnded(agent("1001"), call("c1"), queue("8001")));
        assertThat(reason()).isEqualTo(UnavailableReason.ON_CALL);

        s.end("c2");
        assertThat(reason()).as("the end of c2 frees the agent").isEqualTo(UnavailableReason.NONE);
    }

    @Test
    void theEndOfAnOlderWrapUpDoesNotEndTheCurrentOne() {
        s.on(new WrapUpStarted(agent("1001"), call("c2"), queue("8001"), s.now.plusSeconds(60)));

        s.on(new WrapUpEnded(agent("1001"), call("c1")));
        assertThat(reason()).isEqualTo(UnavailableReason.WRAP_UP);

        s.on(new WrapUpEnded(agent("1001"), call("c2")));
        assertThat(reason()).isEqualTo(UnavailableReason.NONE);
    }

    @Test
    void aPhoneTakenOffTheQueueIsNoLongerRungFromIt() {
        s.on(new QueueMemberRemoved(queue("8001"), device("1001"), agent("1001"), "1100"));

        assertThat(reason()).isNotEqualTo(UnavailableReason.NONE);
        s.arrive("c1", "8001");
        assertThat(s.offers()).isEmpty();
    }

    @Test
    void anUpdatedMemberKeepsRinging() {
        s.on(new QueueMemberUpdated(queue("8001"), device("1001"), agent("1001"), 2, 5, 1, "1100"));

        s.arrive("c1", "8001");
        assertThat(s.offered()).containsExactly("1001");
    }

    @Test
    void aQueueLogoutWhileNotOnlineIsPublishedAmongTheReasons() {
        s.status("1001", AgentStatus.OFFLINE);
        s.on(new QueueLoginChanged(agent("1001"), queue("8001"), false, ChangeSource.PORTAL, "1001"));

        assertThat(s.lastOf(AgentAvailabilityChanged.class)).as("the logout changes what a wallboard must show")
                .singleElement().satisfies(change -> assertThat(change.queues()).singleElement().satisfies(q -> {
                    assertThat(q.reason()).isEqualTo(UnavailableReason.STATUS);
                    assertThat(q.reasons()).containsExactly(UnavailableReason.STATUS, UnavailableReason.LOGGED_OUT);
                }));
    }

    @Test
    void aSingleCallAgentOnItsOneCallIsOnACallNotOutOfStatus() {
        s.status("1001", AgentStatus.SINGLE_CALL);
        s.arrive("c1", "8001").answer("c1", "1001");

        assertThat(reason()).isEqualTo(UnavailableReason.ON_CALL);
        assertThat(s.lastOf(CallerLeft.class)).singleElement()
                .satisfies(left -> assertThat(left.answeredBy().queues().get(0).reasons())
                        .containsExactly(UnavailableReason.ON_CALL, UnavailableReason.STATUS));

        s.end("c1");
        assertThat(reason()).as("the one call is used once it is over").isEqualTo(UnavailableReason.STATUS);
    }

    @Test
    void aDeletedQueueSendsItsWaitingCallerOnAndRingsNobodyAnyMore() {
        s.on(new QueueLoginChanged(agent("1001"), queue("8001"), false, ChangeSource.PORTAL, "1001"));
        s.arrive("c1", "8001");
        s.on(new QueueMemberRemoved(queue("8001"), device("1001"), agent("1001"), "1001"));

        s.on(new QueueDeleted(queue("8001"), "1001"));

        assertThat(s.lastOf(ApplyUnansweredAction.class)).singleElement().satisfies(action -> {
            assertThat(action.call()).isEqualTo(call("c1"));
            assertThat(action.action()).as("STAY_IN_QUEUE has nowhere to stay: voicemail")
                    .isEqualTo(UnansweredAction.VOICEMAIL);
        });
        assertThat(s.lastOf(CallerLeft.class)).extracting(CallerLeft::reason)
                .containsExactly(CallerLeftReason.UNANSWERED_ACTION);
        s.arrive("c2", "8001");
        assertThat(s.last).as("a late caller of the deleted queue is not queued").isEmpty();
    }
}
