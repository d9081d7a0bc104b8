package io.ccagent.queue.routing;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerLeftReason;
import io.ccagent.contracts.queue.CallerPicked;
import io.ccagent.contracts.queue.CallerWaiting;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.contracts.routing.ApplyUnansweredAction;
import io.ccagent.contracts.routing.CancelOffer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static io.ccagent.queue.routing.RouterScenario.agent;
import static io.ccagent.queue.routing.RouterScenario.call;
import static io.ccagent.queue.routing.RouterScenario.device;
import static io.ccagent.queue.routing.RouterScenario.queue;
import static org.assertj.core.api.Assertions.assertThat;

class TenantRouterTest {

    private static final List<String> Q1 = List.of("8001");

    private static RouterScenario threeAgents(QueueType type) {
        RouterScenario s = new RouterScenario().queue("8001", type);
        s.member("8001", "1001", 1, 1, 1).member("8001", "1002", 1, 2, 1).member("8001", "1003", 1, 3, 1);
        return s.ready("1001", Q1).ready("1002", Q1).ready("1003", Q1);
    }

    @Nested
    class QueueTypes {

        @Test
        void roundRobinRingsTheAgentIdleTheLongest() {
            RouterScenario s = threeAgents(QueueType.ROUND_ROBIN);
            s.arrive("c1", "8001").answer("c1", "1001");
            s.arrive("c2", "8001").answer("c2", "1002");
            s.arrive("c3", "8001").answer("c3", "1003");
            s.after(1).end("c2").after(1).end("c1").after(1).end("c3");

            s.arrive("c4", "8001");
            assertThat(s.offered()).containsExactly("1002");
            s.answer("c4", "1002").arrive("c5", "8001");
            assertThat(s.offered()).containsExactly("1001");
        }

        @Test
        void tieredRoundRobinServesTheLowestTierWithSomeoneFree() {
            RouterScenario s = new RouterScenario().queue("8001", QueueType.TIERED_ROUND_ROBIN);
            s.member("8001", "1001", 1, 1, 2).member("8001", "1002", 1, 2, 1).member("8001", "1003", 1, 3, 1);
            s.ready("1001", Q1).ready("1002", Q1).ready("1003", Q1);

            s.arrive("c1", "8001");
            assertThat(s.offered()).containsExactly("1002");
            s.arrive("c2", "8001");
            assertThat(s.offered()).containsExactly("1003");
            s.arrive("c3", "8001");
            assertThat(s.offered()).containsExactly("1001");
        }

        @Test
        void ringAllRingsEveryFreeAgentAndLeavesStoppingTheOthersToTheGatewayThatSawTheAnswer() {
            RouterScenario s = threeAgents(QueueType.RING_ALL);

            s.arrive("c1", "8001");
            assertThat(s.offers()).hasSize(1);
            assertThat(s.offered()).containsExactlyInAnyOrder("1001", "1002", "1003");

            s.answer("c1", "1002");
            assertThat(s.cancels()).isEmpty();
            assertThat(s.ringing("1001")).isNull();
            assertThat(s.ringing("1003")).isNull();
            assertThat(s.lastOf(CallerLeft.class)).singleElement()
                    .extracting(CallerLeft::reason).isEqualTo(CallerLeftReason.ANSWERED);
        }

        @Test
        void aCallAnsweredOnAPhoneItDidNotRingStopsEveryRingingPhone() {
            RouterScenario s = threeAgents(QueueType.RING_ALL);
            s.member("8001", "1001b", "1001", 1, 4, 1).register("1001", "1001b");
            s.arrive("c1", "8001");
            assertThat(s.offered()).containsExactlyInAnyOrder("1001", "1002", "1003");

            s.answer("c1", "1002", "1002-desk"); // a pickup the PBX reports, from a phone the router did not ring
            assertThat(s.cancels()).singleElement().satisfies(cancel -> {
                assertThat(cancel.reason()).isEqualTo("answered elsewhere");
                assertThat(cancel.devices()).containsExactlyInAnyOrder(device("1001"), device("1001b"),
                        device("1002"), device("1003"));
            });
        }

        @Test
        void linearHuntRingsMembersInTheirFixedOrderAndStartsOverAfterTheLast() {
            RouterScenario s = new RouterScenario().queue("8001", QueueType.LINEAR_HUNT);
            s.member("8001", "1001", 1, 3, 1).member("8001", "1002", 1, 1, 1).member("8001", "1003", 1, 2, 1);
            s.ready("1001", Q1).ready("1002", Q1).ready("1003", Q1);

            List<String> rung = new ArrayList<>();
            s.arrive("c1", "8001");
            rung.addAll(s.offered());
            for (int i = 0; i < 3; i++) {
                s.noAnswer("c1", s.ringing("1001") != null ? "1001" : s.ringing("1002") != null ? "1002" : "1003");
                rung.addAll(s.offered());
            }
            assertThat(rung).containsExactly("1002", "1003", "1001", "1002");
        }

        @Test
        void linearCascadeRingsEachGroupForTheAgentTimeoutThenTheNext() {
            RouterScenario s = new RouterScenario().queue("8001", QueueType.LINEAR_CASCADE, 0, 20, 300,
                    UnansweredAction.STAY_IN_QUEUE, null);
            s.member("8001", "1001", 1, 1, 1).member("8001", "1002", 1, 2, 1).member("8001", "1003", 1, 3, 2);
            s.ready("1001", Q1).ready("1002", Q1).ready("1003", Q1);

            s.arrive("c1", "8001");
            assertThat(s.offered()).containsExactlyInAnyOrder("1001", "1002");
            s.after(19);
            assertThat(s.offers()).isEmpty();
            s.after(1);
            assertThat(s.cancels()).hasSize(2);
            assertThat(s.offered()).containsExactly("1003");
        }

        @Test
        void callParkOffersOnlyTheCallerAnAvailableAgentPicks() {
            RouterScenario s = threeAgents(QueueType.CALL_PARK);
            s.arrive("c1", "8001").arrive("c2", "8001");
            assertThat(s.offers()).isEmpty();

            s.on(new CallerPicked(queue("8001"), call("c2"), agent("1003"), device("1003"), "1003"));
            assertThat(s.offers()).singleElement().satisfies(offer -> {
                assertThat(offer.call()).isEqualTo(call("c2"));
                assertThat(offer.targets()).extracting(t -> t.device()).containsExactly(device("1003"));
            });

            s.status("1001", AgentStatus.LUNCH);
            s.on(new CallerPicked(queue("8001"), call("c1"), agent("1001"), device("1001"), "1001"));
            assertThat(s.offers()).as("an agent at lunch cannot take a parked caller").isEmpty();
        }

        @Test
        void fewestCallsRingsTheAgentWithTheFewestAnsweredCallsToday() {
            RouterScenario s = threeAgents(QueueType.FEWEST_CALLS);
            s.arrive("c1", "8001").answer("c1", "1001").end("c1");
            s.arrive("c2", "8001").answer("c2", "1002").end("c2");
            s.arrive("c3", "8001").answer("c3", "1001", "1001");
            assertThat(s.offered()).isEmpty();
            s.end("c3");

            s.arrive("c4", "8001");
            assertThat(s.offered()).containsExactly("1003");
            s.answer("c4", "1003").end("c4").after(1);
            s.arrive("c5", "8001");
            assertThat(s.offered()).as("1002 and 1003 have one call each; 1002 has been idle longer")
                    .containsExactly("1002");
        }

        @Test
        void randomPicksFromTheCallerAndTheInstantSoTheSameInputsPickTheSameAgents() {
            List<String> first = randomRun();
            assertThat(randomRun()).isEqualTo(first);
            assertThat(new HashSet<>(first)).containsExactlyInAnyOrder("1001", "1002", "1003");
        }

        private List<String> randomRun() {
            RouterScenario s = new RouterScenario().queue("8001", QueueType.RANDOM);
            s.member("8001", "1001", 1, 1, 1).member("8001", "1002", 1, 2, 1).member("8001", "1003", 1, 3, 1);
            s.ready("1001", Q1).ready("1002", Q1).ready("1003", Q1);
            List<String> picks = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                s.arrive("c" + i, "8001");
                String picked = s.offered().get(0);
                picks.add(picked);
                s.answer("c" + i, picked).end("c" + i);
            }
            return picks;
        }
    }

    @Nested
    class CrossQueuePriority {

        private RouterScenario agentInTwoQueues(int priorityIn8001, int priorityIn8002) {
            RouterScenario s = new RouterScenario().queue("8001", QueueType.ROUND_ROBIN)
                    .queue("8002", QueueType.ROUND_ROBIN);
            s.member("8001", "1001", priorityIn8001, 1, 1).member("8002", "1001", priorityIn8002, 1, 1);
            s.ready("1001", List.of("8001", "8002"));
            s.arrive("busy", "8001").answer("busy", "1001");
            return s;
        }

        @Test
        void aFreedAgentTakesTheCallerOfItsHighestPriorityQueueEvenIfAnotherWaitedLonger() {
            RouterScenario s = agentInTwoQueues(2, 1);
            s.arrive("older", "8001").after(5).arrive("newer", "8002");

            s.end("busy");
            assertThat(s.offers()).singleElement().extracting(o -> o.call()).isEqualTo(call("newer"));
        }

        @Test
        void atEqualPriorityTheLongestWaitingCallerWins() {
            RouterScenario s = agentInTwoQueues(1, 1);
            s.arrive("newer-in-8002", "8002");
            s.after(5).arrive("in-8001", "8001");
            s.end("busy");
            assertThat(s.offers()).singleElement().extracting(o -> o.call()).isEqualTo(call("newer-in-8002"));
        }

        /**
         * 1002 would rather take 8002's caller (priority 1 there, 2 in 8001), but 8002 is a cascade whose first tier
         * (1001) takes that caller when both agents come free at once: 1002 then rings 8001's oldest caller, not a
         * newer one (found by RouterInvariantsProperties, seed 53468946080133).
         */
        @Test
        void aCallerPassedOverForAnotherQueuesCallerIsStillServedBeforeNewerCallersOfItsQueue() {
            RouterScenario s = new RouterScenario()
                    .queue("8001", QueueType.LINEAR_HUNT, 10, 20, 300, UnansweredAction.STAY_IN_QUEUE, null)
                    .queue("8002", QueueType.LINEAR_CASCADE, 10, 20, 300, UnansweredAction.STAY_IN_QUEUE, null);
            s.member("8001", "1002", 2, 1, 1).member("8002", "1001", 1, 1, 1).member("8002", "1002", 1, 2, 2);
            s.ready("1001", List.of("8002")).ready("1002", List.of("8001", "8002"));
            s.arrive("busy-1", "8002").answer("busy-1", "1001").arrive("busy-2", "8001").answer("busy-2", "1002");
            s.arrive("older", "8001").arrive("in-8002", "8002").arrive("newer", "8001");
            s.end("busy-1").end("busy-2");

            s.after(11);

            assertThat(s.ringing("1001")).isEqualTo("in-8002");
            assertThat(s.ringing("1002")).isEqualTo("older");
        }

        @Test
        void anAgentIsNeverOfferedTwoCallersAtOnce() {
            RouterScenario s = agentInTwoQueues(1, 1);
            s.end("busy");
            s.arrive("a", "8001").arrive("b", "8002");
            assertThat(s.ringing("1001")).isEqualTo("a");
            assertThat(s.offers()).isEmpty();
        }
    }

    @Nested
    class Timeouts {

        @Test
        void anAgentWhoDoesNotAnswerWithinTheAgentRingTimeoutIsSkippedForTheNext() {
            RouterScenario s = threeAgents(QueueType.LINEAR_HUNT);
            s.arrive("c1", "8001");
            s.after(20);
            assertThat(s.cancels()).singleElement().satisfies(cancel -> {
                assertThat(cancel.devices()).containsExactly(device("1001"));
                assertThat(cancel.reason()).isEqualTo(CancelOffer.AGENT_RING_TIMEOUT);
            });
            assertThat(s.offered()).containsExactly("1002");
        }

        @Test
        void theQueueRingTimeoutAppliesTheUnansweredAction() {
            RouterScenario s = new RouterScenario().queue("8001", QueueType.ROUND_ROBIN, 0, 20, 60,
                    UnansweredAction.FORWARD, "1001");
            s.member("8001", "1002", 1, 1, 1).ready("1002", Q1);
            s.arrive("c1", "8001");
            s.after(59);
            assertThat(s.lastOf(ApplyUnansweredAction.class)).isEmpty();
            s.after(1);
            assertThat(s.lastOf(ApplyUnansweredAction.class)).singleElement().satisfies(action -> {
                assertThat(action.action()).isEqualTo(UnansweredAction.FORWARD);
                assertThat(action.target()).isEqualTo("1001");
            });
            assertThat(s.cancels()).singleElement().extracting(CancelOffer::reason).isEqualTo("queue ring timeout");
            assertThat(s.lastOf(CallerLeft.class)).singleElement()
                    .extracting(CallerLeft::reason).isEqualTo(CallerLeftReason.UNANSWERED_ACTION);
            assertThat(s.router.waiting(queue("8001"))).isEmpty();
        }

        @Test
        void stayInQueueKeepsTheCallerWaitingPastTheQueueTimeout() {
            RouterScenario s = new RouterScenario().queue("8001", QueueType.ROUND_ROBIN, 0, 20, 60,
                    UnansweredAction.STAY_IN_QUEUE, null);
            s.arrive("c1", "8001").after(600);
            assertThat(s.router.waiting(queue("8001"))).containsExactly(call("c1"));
        }

        @Test
        void afterAQueueCallTheAgentWrapsUpAndTheNextCallerGoesToAnotherAgent() {
            RouterScenario s = new RouterScenario().queue("8001", QueueType.ROUND_ROBIN, 30, 20, 300,
                    UnansweredAction.STAY_IN_QUEUE, null);
            s.member("8001", "1001", 1, 1, 1).member("8001", "1002", 1, 2, 1);
            s.ready("1001", Q1).ready("1002", Q1);
            s.arrive("c1", "8001").answer("c1", "1001");
            s.after(1).end("c1");
            assertThat(s.router.availability(agent("1001"), queue("8001"), s.now))
                    .isEqualTo(new Availability(UnavailableReason.WRAP_UP, s.now.plusSeconds(30)));

            s.arrive("c2", "8001");
            assertThat(s.offered()).containsExactly("1002");
            s.answer("c2", "1002").arrive("c3", "8001");
            assertThat(s.offered()).as("1001 is still wrapping up, 1002 is talking").isEmpty();

            s.after(29);
            assertThat(s.offered()).isEmpty();
            s.after(1);
            assertThat(s.offered()).containsExactly("1001");
        }
    }

    @Nested
    class NeverStuck {

        @Test
        void aCallAnsweredAgainByAnotherAgentFreesTheFirstWhenItEnds() {
            RouterScenario s = threeAgents(QueueType.RING_ALL);
            s.arrive("c1", "8001").answer("c1", "1001");
            s.answer("c1", "1002");
            s.end("c1");

            s.arrive("c2", "8001");
            assertThat(s.offered()).containsExactlyInAnyOrder("1001", "1002", "1003");
        }

        @Test
        void aCallerWhoHangsUpStopsEveryRingingPhoneInOneCommand() {
            RouterScenario s = threeAgents(QueueType.RING_ALL);
            s.member("8001", "1001b", "1001", 1, 4, 1).register("1001", "1001b");
            s.arrive("c1", "8001");
            s.hangUp("c1");
            assertThat(s.cancels()).singleElement().satisfies(cancel -> assertThat(cancel.devices())
                    .containsExactlyInAnyOrder(device("1001"), device("1001b"), device("1002"), device("1003")));
            assertThat(s.ringing("1001")).isNull();
        }

        @Test
        void aCallerNeverWaitsWhileAnEligibleAgentIsIdle() {
            RouterScenario s = new RouterScenario().queue("8001", QueueType.LINEAR_HUNT);
            s.member("8001", "1001", 1, 1, 1);
            s.arrive("c1", "8001");
            s.register("1001", "1001");
            s.on(new io.ccagent.contracts.agent.QueueLoginChanged(agent("1001"), queue("8001"), true,
                    io.ccagent.contracts.agent.ChangeSource.PORTAL, "1001"));
            assertThat(s.offers()).isEmpty();
            s.status("1001", AgentStatus.ONLINE);
            assertThat(s.offered()).containsExactly("1001");
        }

        @Test
        void singleCallModeTakesOneQueueCallEvenBeforeAgentServiceTurnsItOffline() {
            RouterScenario s = threeAgents(QueueType.LINEAR_HUNT);
            s.status("1001", AgentStatus.SINGLE_CALL);
            s.arrive("c1", "8001").answer("c1", "1001").end("c1");
            assertThat(s.router.availability(agent("1001"), queue("8001"), s.now).reason())
                    .isEqualTo(UnavailableReason.STATUS);
            s.arrive("c2", "8001");
            assertThat(s.offered()).containsExactly("1002");
        }

        @Test
        void anAgentWhoGoesOnBreakWhileRingingIsCancelledAndTheCallerMovesOn() {
            RouterScenario s = threeAgents(QueueType.LINEAR_HUNT);
            s.arrive("c1", "8001");
            s.status("1001", AgentStatus.BREAK);
            assertThat(s.cancels()).singleElement().extracting(CancelOffer::devices)
                    .isEqualTo(List.of(device("1001")));
            assertThat(s.offered()).containsExactly("1002");
        }
    }

    @Nested
    class Publishing {

        @Test
        void availabilityIsPublishedOnlyWhenItChanges() {
            RouterScenario s = new RouterScenario().queue("8001", QueueType.ROUND_ROBIN);
            s.member("8001", "1001", 1, 1, 1).register("1001", "1001");
            s.on(new io.ccagent.contracts.agent.QueueLoginChanged(agent("1001"), queue("8001"), true,
                    io.ccagent.contracts.agent.ChangeSource.PORTAL, "1001"));
            s.status("1001", AgentStatus.ONLINE);
            assertThat(s.lastOf(AgentAvailabilityChanged.class)).singleElement()
                    .satisfies(change -> assertThat(change.queues()).singleElement()
                            .satisfies(queue -> assertThat(queue.available()).isTrue()));

            s.status("1001", AgentStatus.ONLINE);
            assertThat(s.lastOf(AgentAvailabilityChanged.class)).isEmpty();

            s.status("1001", AgentStatus.LUNCH);
            assertThat(s.lastOf(AgentAvailabilityChanged.class)).singleElement()
                    .satisfies(change -> assertThat(change.queues()).singleElement()
                            .satisfies(queue -> assertThat(queue.reason()).isEqualTo(UnavailableReason.STATUS)));
        }

        @Test
        void oneRecordPerAgentChangeCarriesAllItsQueuesAndAnOfferPublishesNoAvailability() {
            RouterScenario s = new RouterScenario().queue("8001", QueueType.ROUND_ROBIN)
                    .queue("8002", QueueType.ROUND_ROBIN);
            s.member("8001", "1001", 1, 1, 1).member("8002", "1001", 1, 1, 1).register("1001", "1001");
            s.on(new io.ccagent.contracts.agent.QueueLoginChanged(agent("1001"), queue("8001"), true,
                    io.ccagent.contracts.agent.ChangeSource.PORTAL, "1001"));
            s.status("1001", AgentStatus.ONLINE);
            assertThat(s.lastOf(AgentAvailabilityChanged.class)).singleElement().satisfies(change ->
                    assertThat(change.queues()).extracting(q -> q.queue().extension(), q -> q.reason())
                            .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("8001", UnavailableReason.NONE),
                                    org.assertj.core.groups.Tuple.tuple("8002", UnavailableReason.LOGGED_OUT)));

            s.arrive("c1", "8001");
            assertThat(s.offered()).containsExactly("1001");
            assertThat(s.lastOf(AgentAvailabilityChanged.class)).as("ringing is not broadcast").isEmpty();
        }

        @Test
        void anAnswerIsOneRecordTheCallerLeavingWithTheAgentsChangeInside() {
            RouterScenario s = new RouterScenario().queue("8001", QueueType.ROUND_ROBIN)
                    .member("8001", "1001", 1, 1, 1).ready("1001", List.of("8001"));
            s.arrive("c1", "8001").answer("c1", "1001");

            assertThat(s.lastOf(AgentAvailabilityChanged.class)).as("no record of its own").isEmpty();
            assertThat(s.lastOf(CallerLeft.class)).singleElement().satisfies(left -> {
                assertThat(left.reason()).isEqualTo(CallerLeftReason.ANSWERED);
                assertThat(left.answeredBy().agent()).isEqualTo(agent("1001"));
                assertThat(left.answeredBy().queues()).singleElement()
                        .satisfies(q -> assertThat(q.reason()).isEqualTo(UnavailableReason.ON_CALL));
            });
        }

        /** Agent 1001 just ended call c1 of queue 8001, whose wrap-up is 30 s. */
        private RouterScenario inWrapUpOf30Seconds() {
            RouterScenario s = new RouterScenario()
                    .queue("8001", QueueType.ROUND_ROBIN, 30, 15, 300, UnansweredAction.STAY_IN_QUEUE, null)
                    .member("8001", "1001", 1, 1, 1).ready("1001", List.of("8001"));
            return s.arrive("c1", "8001").answer("c1", "1001").end("c1");
        }

        @Test
        void aWrapUpThatRunsOutPublishesNothingAndReadersSeeItEnd() {
            RouterScenario s = inWrapUpOf30Seconds();
            AgentAvailabilityChanged.QueueAvailability wrapUp = s.lastOf(AgentAvailabilityChanged.class)
                    .get(0).queues().get(0);
            assertThat(wrapUp.reason()).isEqualTo(UnavailableReason.WRAP_UP);
            assertThat(wrapUp.until()).isEqualTo(s.now.plusSeconds(30));

            s.after(30);

            assertThat(s.last).as("a wrap-up running out is no record").isEmpty();
            assertThat(s.router.availability(agent("1001"), queue("8001"), s.now).available()).isTrue();
            assertThat(wrapUp.asOf(s.now).available()).as("what a reader of the wrap-up record sees now").isTrue();
            s.arrive("c2", "8001");
            assertThat(s.offered()).containsExactly("1001");
        }

        @Test
        void aWrapUpEndedBeforeItsTimeIsPublished() {
            RouterScenario s = inWrapUpOf30Seconds();

            s.on(new io.ccagent.contracts.agent.WrapUpEnded(agent("1001"), call("c1")));

            assertThat(s.lastOf(AgentAvailabilityChanged.class)).singleElement()
                    .satisfies(change -> assertThat(change.queues()).singleElement()
                            .satisfies(q -> assertThat(q.available()).isTrue()));
        }

        @Test
        void callersWaitingAndLeavingArePublished() {
            RouterScenario s = new RouterScenario().queue("8001", QueueType.ROUND_ROBIN);
            s.arrive("c1", "8001");
            assertThat(s.lastOf(CallerWaiting.class)).singleElement().satisfies(waiting -> {
                assertThat(waiting.callerNumber()).isEqualTo("+1555c1");
                assertThat(waiting.since()).isEqualTo(s.now);
            });
            s.arrive("c1", "8001");
            assertThat(s.last).as("a redelivered arrival changes nothing").isEmpty();
            s.hangUp("c1");
            assertThat(s.lastOf(CallerLeft.class)).singleElement()
                    .extracting(CallerLeft::reason).isEqualTo(CallerLeftReason.ABANDONED);
            s.arrive("c1", "8001");
            assertThat(s.router.waiting(queue("8001"))).as("a late duplicate cannot bring the caller back").isEmpty();
        }

        @Test
        void eventsOfAnotherTenantAreRefused() {
            RouterScenario s = new RouterScenario();
            QueueId foreign = QueueId.parse("8001@other.example.com");
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> s.on(
                    new io.ccagent.contracts.queue.QueueConfigured(foreign, "x", QueueType.RING_ALL, 0, 20, 60,
                            UnansweredAction.VOICEMAIL, null, "UTC", "x")));
        }
    }
}
