package io.ccagent.agent.agents;

import io.ccagent.agent.agents.AgentCommands.ChangeQueueLogin;
import io.ccagent.agent.agents.AgentCommands.ChangeStatus;
import io.ccagent.agent.agents.AgentCommands.DialStarCode;
import io.ccagent.agent.agents.AgentCommands.EndCall;
import io.ccagent.agent.agents.AgentCommands.EndWrapUp;
import io.ccagent.agent.agents.AgentCommands.MissOffer;
import io.ccagent.agent.agents.AgentCommands.ProvisionAgent;
import io.ccagent.agent.agents.AgentCommands.SetDeviceActive;
import io.ccagent.agent.agents.AgentCommands.StartCall;
import io.ccagent.agent.agents.AgentCommands.UpdateQueueMembership;
import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.DeviceActivated;
import io.ccagent.contracts.agent.DeviceDeactivated;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.QueueMembershipChanged;
import io.ccagent.contracts.agent.SingleCallCompleted;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** One test per rule of the agent (issue 3, ARCHITECTURE section 4), named after the rule. */
class AgentRulesTest {

    static final AgentId AGENT = AgentId.parse("1002@xyzcorporation.com");
    static final DeviceId DESK = DeviceId.parse("1002a@xyzcorporation.com");
    static final DeviceId SOFT = DeviceId.parse("1002b@xyzcorporation.com");
    static final DeviceId STRANGER = DeviceId.parse("1003a@xyzcorporation.com");
    static final QueueId SALES = QueueId.parse("8001@xyzcorporation.com");
    static final QueueId SUPPORT = QueueId.parse("8002@xyzcorporation.com");
    static final QueueId BILLING = QueueId.parse("8003@xyzcorporation.com");
    static final CallId CALL = CallId.of("call-1");
    static final CallId OTHER_CALL = CallId.of("call-2");
    static final String ME = AGENT.toString();
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private FixtureConfiguration<Agent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agent.class);
    }

    static AgentProvisioned provisioned() {
        return new AgentProvisioned(AGENT, "Ann Agent", "ann@xyzcorporation.com", List.of(DESK, SOFT),
                "America/New_York");
    }

    static QueueMembershipChanged memberOf(QueueId queue) {
        return new QueueMembershipChanged(AGENT, queue, List.of(DESK), 1);
    }

    static QueueLoginChanged login(QueueId queue, boolean loggedIn, ChangeSource source, String actor) {
        return new QueueLoginChanged(AGENT, queue, loggedIn, source, actor);
    }

    static AgentStatusChanged status(AgentStatus from, AgentStatus to, ChangeSource source, String actor) {
        return new AgentStatusChanged(AGENT, from, to, source, actor);
    }

    /** Provisioned, member of Sales and Support (logged into both), Online. */
    static Object[] onlineInSalesAndSupport() {
        return new Object[]{provisioned(), memberOf(SALES), login(SALES, true, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR),
                memberOf(SUPPORT), login(SUPPORT, true, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR),
                status(AgentStatus.OFFLINE, AgentStatus.ONLINE, ChangeSource.PORTAL, ME)};
    }

    static Object[] onlineThen(Object... more) {
        Object[] history = onlineInSalesAndSupport();
        Object[] all = Arrays.copyOf(history, history.length + more.length);
        System.arraycopy(more, 0, all, history.length, more.length);
        return all;
    }

    @Test
    void provisioningCreatesAnOfflineAgentWithItsPhones() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionAgent(AGENT, "Ann Agent", "ann@xyzcorporation.com", List.of(DESK, SOFT),
                        "America/New_York"))
                .expectEvents(provisioned())
                .expectState(agent -> {
                    assertThat(agent.state().status() == AgentStatus.OFFLINE).isTrue();
                    assertThat(agent.state().deviceActive(DESK) && agent.state().deviceActive(SOFT)).isTrue();
                });
    }

    @Test
    void provisioningTheSameAgentTwiceChangesNothing() {
        fixture.given(provisioned())
                .when(new ProvisionAgent(AGENT, "Ann Agent", "ann@xyzcorporation.com", List.of(DESK, SOFT),
                        "America/New_York"))
                .expectNoEvents();
    }

    @Test
    void everyStatusCanBeChosenFromThePortalAndRecordsSourceAndActor() {
        for (AgentStatus to : AgentStatus.values()) {
            if (to == AgentStatus.OFFLINE) {
                continue;
            }
            fixture = new AggregateTestFixture<>(Agent.class);
            fixture.given(provisioned())
                    .when(new ChangeStatus(AGENT, to, ChangeSource.PORTAL, ME))
                    .expectEvents(status(AgentStatus.OFFLINE, to, ChangeSource.PORTAL, ME));
        }
    }

    @Test
    void choosingTheCurrentStatusAgainRecordsNothing() {
        fixture.given(onlineInSalesAndSupport())
                .when(new ChangeStatus(AGENT, AgentStatus.ONLINE, ChangeSource.PORTAL, ME))
                .expectNoEvents();
    }

    @Test
    void nonOnlineStatusesAreUnavailableForQueueCallsButKeepTheirLogins() {
        fixture.given(onlineInSalesAndSupport())
                .when(new ChangeStatus(AGENT, AgentStatus.LUNCH, ChangeSource.PORTAL, ME))
                .expectEvents(status(AgentStatus.ONLINE, AgentStatus.LUNCH, ChangeSource.PORTAL, ME))
                .expectState(agent -> {
                    assertThat(!agent.state().availableFor(SALES)).isTrue();
                    assertThat(agent.state().loggedInto(SALES)).isTrue();
                });
    }

    @Test
    void aDirectCallIsTakenInAnyStatusAndStartsNoWrapUp() {
        fixture.given(provisioned(), status(AgentStatus.OFFLINE, AgentStatus.LUNCH, ChangeSource.PORTAL, ME),
                        new AgentCallStarted(AGENT, CALL, null, DESK))
                .when(new EndCall(AGENT, CALL, T0, 30, T0))
                .expectEvents(new AgentCallEnded(AGENT, CALL, null));
    }

    @Test
    void starCode50SetsSingleCallAndLogsIntoAllQueues() {
        fixture.given(provisioned(), memberOf(SALES), memberOf(SUPPORT))
                .when(new DialStarCode(AGENT, SOFT, "*50"))
                .expectEvents(status(AgentStatus.OFFLINE, AgentStatus.SINGLE_CALL, ChangeSource.STAR_CODE,
                                SOFT.toString()),
                        login(SALES, true, ChangeSource.STAR_CODE, SOFT.toString()),
                        login(SUPPORT, true, ChangeSource.STAR_CODE, SOFT.toString()));
    }

    @Test
    void starCode51GoesOnlineAndLogsIntoAllQueues() {
        fixture.given(provisioned(), memberOf(SALES), memberOf(SUPPORT),
                        login(SUPPORT, true, ChangeSource.PORTAL, ME))
                .when(new DialStarCode(AGENT, DESK, "*51"))
                .expectEvents(status(AgentStatus.OFFLINE, AgentStatus.ONLINE, ChangeSource.STAR_CODE,
                                DESK.toString()),
                        login(SALES, true, ChangeSource.STAR_CODE, DESK.toString()));
    }

    @Test
    void starCode52GoesOfflineAndLogsOutOfAllQueues() {
        fixture.given(onlineInSalesAndSupport())
                .when(new DialStarCode(AGENT, DESK, "*52"))
                .expectEvents(status(AgentStatus.ONLINE, AgentStatus.OFFLINE, ChangeSource.STAR_CODE,
                                DESK.toString()),
                        login(SALES, false, ChangeSource.STAR_CODE, DESK.toString()),
                        login(SUPPORT, false, ChangeSource.STAR_CODE, DESK.toString()));
    }

    @Test
    void aStarCodeFromAPhoneThatIsNotTheAgentsIsRejected() {
        fixture.given(onlineInSalesAndSupport())
                .when(new DialStarCode(AGENT, STRANGER, "*52"))
                .expectException(AgentRuleViolation.NotTheAgentsDevice.class)
                .expectExceptionMessage(containsString("not a phone of " + ME))
                .expectNoEvents();
    }

    @Test
    void singleCallModeGoesOfflineAfterOneQueueCall() {
        fixture.given(provisioned(), memberOf(SALES), login(SALES, true, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR),
                        status(AgentStatus.OFFLINE, AgentStatus.SINGLE_CALL, ChangeSource.PORTAL, ME),
                        new AgentCallStarted(AGENT, CALL, SALES, DESK))
                .when(new EndCall(AGENT, CALL, T0, 0, T0))
                .expectEvents(new AgentCallEnded(AGENT, CALL, SALES), new SingleCallCompleted(AGENT, CALL),
                        status(AgentStatus.SINGLE_CALL, AgentStatus.OFFLINE, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR));
    }

    @Test
    void singleCallModeGoesOfflineWhenTheOfferIsMissed() {
        fixture.given(provisioned(), memberOf(SALES), login(SALES, true, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR),
                        status(AgentStatus.OFFLINE, AgentStatus.SINGLE_CALL, ChangeSource.PORTAL, ME))
                .when(new MissOffer(AGENT, CALL, SALES, Instant.now().plusSeconds(60)))
                .expectEvents(new SingleCallCompleted(AGENT, CALL),
                        status(AgentStatus.SINGLE_CALL, AgentStatus.OFFLINE, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR));
    }

    @Test
    void aMissedOfferFromBeforeSingleCallModeDoesNotEndIt() {
        fixture.given(provisioned(), memberOf(SALES), login(SALES, true, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR),
                        status(AgentStatus.OFFLINE, AgentStatus.SINGLE_CALL, ChangeSource.PORTAL, ME))
                .when(new MissOffer(AGENT, CALL, SALES, Instant.parse("2000-01-01T00:00:00Z")))
                .expectNoEvents();
    }

    @Test
    void aDirectCallDoesNotUseUpSingleCallMode() {
        fixture.given(provisioned(), status(AgentStatus.OFFLINE, AgentStatus.SINGLE_CALL, ChangeSource.PORTAL, ME),
                        new AgentCallStarted(AGENT, CALL, null, DESK))
                .when(new EndCall(AGENT, CALL, T0, 30, T0))
                .expectEvents(new AgentCallEnded(AGENT, CALL, null))
                .expectState(agent -> {
                    assertThat(agent.state().status() == AgentStatus.SINGLE_CALL).isTrue();
                });
    }

    @Test
    void loggingIntoAQueueTheAgentIsAMemberOfIsRecorded() {
        fixture.given(onlineInSalesAndSupport())
                .when(new ChangeQueueLogin(AGENT, SALES, false, ChangeSource.PORTAL, ME))
                .expectEvents(login(SALES, false, ChangeSource.PORTAL, ME))
                .expectState(agent -> {
                    assertThat(!agent.state().availableFor(SALES) && agent.state().availableFor(SUPPORT)).isTrue();
                });
    }

    @Test
    void loggingIntoAQueueTheAgentIsNotAMemberOfIsRefused() {
        fixture.given(onlineInSalesAndSupport())
                .when(new ChangeQueueLogin(AGENT, BILLING, true, ChangeSource.PORTAL, ME))
                .expectException(AgentRuleViolation.NotAQueueMember.class)
                .expectNoEvents();
    }

    @Test
    void aPhoneCanBeSwitchedOffAndOnForQueueCalls() {
        fixture.given(onlineInSalesAndSupport())
                .when(new SetDeviceActive(AGENT, DESK, false, ME))
                .expectEvents(new DeviceDeactivated(AGENT, DESK, ME))
                .expectState(agent -> {
                    assertThat(!agent.state().availableFor(SALES)).isTrue();
                });
        fixture.given(provisioned(), new DeviceDeactivated(AGENT, DESK, ME))
                .when(new SetDeviceActive(AGENT, DESK, true, ME))
                .expectEvents(new DeviceActivated(AGENT, DESK, ME));
    }

    @Test
    void switchingAPhoneThatIsNotTheAgentsIsRefused() {
        fixture.given(provisioned())
                .when(new SetDeviceActive(AGENT, STRANGER, false, ME))
                .expectException(AgentRuleViolation.NotTheAgentsDevice.class);
    }

    @Test
    void joiningAQueueLogsTheAgentIntoIt() {
        fixture.given(provisioned())
                .when(new UpdateQueueMembership(AGENT, SALES, DESK, true, 2))
                .expectEvents(new QueueMembershipChanged(AGENT, SALES, List.of(DESK), 2),
                        login(SALES, true, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR));
    }

    @Test
    void leavingAQueueWithTheLastPhoneLogsTheAgentOut() {
        fixture.given(onlineInSalesAndSupport())
                .when(new UpdateQueueMembership(AGENT, SALES, DESK, false, 1))
                .expectEvents(login(SALES, false, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR),
                        QueueMembershipChanged.of(AGENT, SALES, List.of()));
    }

    @Test
    void theAgentsPriorityInAQueueIsTheLowestOfItsPhonesThere() {
        fixture.given(provisioned(), memberOf(SALES))
                .when(new UpdateQueueMembership(AGENT, SALES, SOFT, true, 3))
                .expectEvents(QueueMembershipChanged.of(AGENT, SALES, List.of(
                        new QueueMembershipChanged.DevicePriority(DESK, 1),
                        new QueueMembershipChanged.DevicePriority(SOFT, 3))))
                .expectState(agent -> assertThat(agent.state().view().queues().get(0).priority()).isEqualTo(1));
    }

    @Test
    void removingOneOfTwoPhonesKeepsThePriorityOfTheOtherNotZero() {
        QueueMembershipChanged both = QueueMembershipChanged.of(AGENT, SALES, List.of(
                new QueueMembershipChanged.DevicePriority(DESK, 2),
                new QueueMembershipChanged.DevicePriority(SOFT, 4)));
        fixture.given(provisioned(), both, login(SALES, true, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR))
                .when(new UpdateQueueMembership(AGENT, SALES, DESK, false, 0))
                .expectEvents(QueueMembershipChanged.of(AGENT, SALES, List.of(
                        new QueueMembershipChanged.DevicePriority(SOFT, 4))))
                .expectState(agent -> assertThat(agent.state().view().queues().get(0).priority()).isEqualTo(4));
    }

    @Test
    void aCallOfAnAgentKnownOnlyFromItsQueuesIsNotThisServicesCall() {
        fixture.given(new QueueMembershipChanged(AGENT, SALES, List.of(DESK), 1),
                        login(SALES, true, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR))
                .when(new StartCall(AGENT, CALL, SALES, DESK))
                .expectNoEvents()
                .expectException(AgentRuleViolation.NotProvisioned.class);
    }

    @Test
    void queueMembershipCanArriveBeforeTheAgentIsProvisioned() {
        fixture.givenNoPriorActivity()
                .when(new UpdateQueueMembership(AGENT, SALES, DESK, true, 1))
                .expectEvents(new QueueMembershipChanged(AGENT, SALES, List.of(DESK), 1),
                        login(SALES, true, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR))
                .expectState(agent -> {
                    assertThat(!agent.state().provisioned()).isTrue();
                });
    }

    @Test
    void anAnsweredCallPutsTheAgentOnACall() {
        fixture.given(onlineInSalesAndSupport())
                .when(new StartCall(AGENT, CALL, SALES, DESK))
                .expectEvents(new AgentCallStarted(AGENT, CALL, SALES, DESK))
                .expectState(agent -> {
                    assertThat(!agent.state().availableFor(SALES) && !agent.state().availableFor(SUPPORT)).isTrue();
                });
    }

    @Test
    void aNewCallEndsAForgottenOneSoTheAgentIsNeverOnTwoCalls() {
        fixture.given(onlineThen(new AgentCallStarted(AGENT, CALL, SALES, DESK)))
                .when(new StartCall(AGENT, OTHER_CALL, null, SOFT))
                .expectEvents(new AgentCallEnded(AGENT, CALL, SALES),
                        new AgentCallStarted(AGENT, OTHER_CALL, null, SOFT));
    }

    @Test
    void aQueueCallEndsInWrapUpForThatQueuesWrapUpTime() {
        fixture.given(onlineThen(new AgentCallStarted(AGENT, CALL, SALES, DESK)))
                .when(new EndCall(AGENT, CALL, T0, 30, T0))
                .expectEvents(new AgentCallEnded(AGENT, CALL, SALES),
                        new WrapUpStarted(AGENT, CALL, SALES, T0.plusSeconds(30)))
                .expectState(agent -> {
                    assertThat(!agent.state().availableFor(SALES)).isTrue();
                });
    }

    @Test
    void wrapUpEndsWhenDueAndTheAgentIsAvailableAgain() {
        fixture.given(onlineThen(new AgentCallStarted(AGENT, CALL, SALES, DESK),
                        new AgentCallEnded(AGENT, CALL, SALES), new WrapUpStarted(AGENT, CALL, SALES, T0)))
                .when(new EndWrapUp(AGENT, CALL))
                .expectEvents(new WrapUpEnded(AGENT, CALL))
                .expectState(agent -> {
                    assertThat(agent.state().availableFor(SALES)).isTrue();
                });
    }

    @Test
    void aQueueWithoutWrapUpTimeMakesTheAgentAvailableRightAway() {
        fixture.given(onlineThen(new AgentCallStarted(AGENT, CALL, SALES, DESK)))
                .when(new EndCall(AGENT, CALL, T0, 0, T0))
                .expectEvents(new AgentCallEnded(AGENT, CALL, SALES))
                .expectState(agent -> {
                    assertThat(agent.state().availableFor(SALES)).isTrue();
                });
    }

    @Test
    void aLateCallEndNeverOpensAWrapUpInThePast() {
        fixture.given(onlineThen(new AgentCallStarted(AGENT, CALL, SALES, DESK)))
                .when(new EndCall(AGENT, CALL, T0, 30, T0.plusSeconds(31)))
                .expectEvents(new AgentCallEnded(AGENT, CALL, SALES));
    }

    @Test
    void aDuplicatedCallEndNeverReopensWrapUp() {
        fixture.given(onlineThen(new AgentCallStarted(AGENT, CALL, SALES, DESK),
                        new AgentCallEnded(AGENT, CALL, SALES), new WrapUpStarted(AGENT, CALL, SALES, T0),
                        new WrapUpEnded(AGENT, CALL)))
                .when(new EndCall(AGENT, CALL, T0, 30, T0))
                .expectNoEvents();
    }

    @Test
    void aLateAnswerOfAFinishedCallDoesNotPutTheAgentBackOnIt() {
        fixture.given(onlineThen(new AgentCallStarted(AGENT, CALL, SALES, DESK),
                        new AgentCallEnded(AGENT, CALL, SALES)))
                .when(new StartCall(AGENT, CALL, SALES, DESK))
                .expectNoEvents();
    }

    @Test
    void anEndForACallTheAgentIsNotOnIsIgnored() {
        fixture.given(onlineInSalesAndSupport())
                .when(new EndCall(AGENT, CALL, T0, 30, T0))
                .expectNoEvents();
    }

    @Test
    void endingWrapUpNowEndsTheCurrentWrapUpAndTheAgentIsAvailableAgain() {
        fixture.given(onlineThen(new AgentCallStarted(AGENT, CALL, SALES, DESK),
                        new AgentCallEnded(AGENT, CALL, SALES), new WrapUpStarted(AGENT, CALL, SALES, T0)))
                .when(new AgentCommands.EndWrapUpNow(AGENT))
                .expectEvents(new WrapUpEnded(AGENT, CALL))
                .expectState(agent -> assertThat(agent.state().availableFor(SALES)).isTrue());
    }

    @Test
    void endingWrapUpNowOutsideWrapUpChangesNothing() {
        fixture.given(onlineThen(new AgentCallStarted(AGENT, CALL, SALES, DESK),
                        new AgentCallEnded(AGENT, CALL, SALES), new WrapUpStarted(AGENT, CALL, SALES, T0),
                        new WrapUpEnded(AGENT, CALL)))
                .when(new AgentCommands.EndWrapUpNow(AGENT))
                .expectNoEvents();
    }

    @Test
    void aStaleWrapUpDeadlineDoesNotEndANewerWrapUp() {
        fixture.given(onlineThen(new AgentCallStarted(AGENT, OTHER_CALL, SALES, DESK),
                        new AgentCallEnded(AGENT, OTHER_CALL, SALES), new WrapUpStarted(AGENT, OTHER_CALL, SALES, T0)))
                .when(new EndWrapUp(AGENT, CALL))
                .expectNoEvents();
    }

    @Test
    void aCallDuringWrapUpEndsTheWrapUp() {
        fixture.given(onlineThen(new AgentCallStarted(AGENT, CALL, SALES, DESK),
                        new AgentCallEnded(AGENT, CALL, SALES), new WrapUpStarted(AGENT, CALL, SALES, T0)))
                .when(new StartCall(AGENT, OTHER_CALL, null, DESK))
                .expectEvents(new WrapUpEnded(AGENT, CALL), new AgentCallStarted(AGENT, OTHER_CALL, null, DESK));
    }

    @Test
    void aSingleCallQueueCallWhoseEndWasLostStillEndsSingleCallMode() {
        fixture.given(provisioned(), memberOf(SALES), login(SALES, true, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR),
                        status(AgentStatus.OFFLINE, AgentStatus.SINGLE_CALL, ChangeSource.PORTAL, ME),
                        new AgentCallStarted(AGENT, CALL, SALES, DESK))
                .when(new StartCall(AGENT, OTHER_CALL, null, DESK))
                .expectEvents(new AgentCallEnded(AGENT, CALL, SALES), new SingleCallCompleted(AGENT, CALL),
                        status(AgentStatus.SINGLE_CALL, AgentStatus.OFFLINE, ChangeSource.SYSTEM, Agent.SYSTEM_ACTOR),
                        new AgentCallStarted(AGENT, OTHER_CALL, null, DESK));
    }

    @Test
    void portalCommandsForAnAgentKnownOnlyFromAQueueAreRefused() {
        fixture.given(memberOf(SALES))
                .when(new ChangeStatus(AGENT, AgentStatus.ONLINE, ChangeSource.PORTAL, ME))
                .expectException(AgentRuleViolation.NotProvisioned.class)
                .expectNoEvents();
    }
}
