package io.ccagent.agent.agent;

import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentEvent;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.ccagent.agent.agent.AgentRulesTest.AGENT;
import static io.ccagent.agent.agent.AgentRulesTest.DESK;
import static io.ccagent.agent.agent.AgentRulesTest.SOFT;
import static io.ccagent.agent.agent.AgentRulesTest.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of portal commands, star codes, queue membership changes and call events, driven through the
 * real aggregate, must keep the issue-3 invariants after every step.
 */
class AgentInvariantProperties {

    private static final List<QueueId> QUEUES = List.of(AgentRulesTest.SALES, AgentRulesTest.SUPPORT,
            AgentRulesTest.BILLING);
    private static final List<DeviceId> DEVICES = List.of(DESK, SOFT, STRANGER);
    private static final Instant T0 = AgentRulesTest.T0;
    private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

    @Property(tries = 150)
    void theAgentNeverGetsStuck(@ForAll("steps") List<Object> commands) {
        List<Object> history = new ArrayList<>(List.of(AgentRulesTest.provisioned()));
        for (Object command : commands) {
            AgentStatus before = fold(history).status();
            Step step = run(history, command);
            history.addAll(step.events());
            AgentState state = fold(history);

            neverOnTwoCallsAtOnce(history);
            onlyOnlineAndSingleCallAreAvailable(state);
            singleCallEndsOfflineAfterOneQueueCall(before, step.events(), state);
            assertThat(withoutTimes(fold(history).view())).as("replaying the same events gives the same state")
                    .isEqualTo(withoutTimes(state.view()))
                    .isEqualTo(withoutTimes(step.aggregateView()));
        }
        wrapUpAlwaysEnds(history);
    }

    private static void neverOnTwoCallsAtOnce(List<Object> history) {
        CallId current = null;
        for (Object event : history) {
            if (event instanceof AgentCallStarted started) {
                assertThat(current).as("started %s while still on %s", started.call(), current).isNull();
                current = started.call();
            } else if (event instanceof AgentCallEnded ended && ended.call().equals(current)) {
                current = null;
            }
        }
    }

    private static void onlyOnlineAndSingleCallAreAvailable(AgentState state) {
        for (QueueId queue : QUEUES) {
            if (!state.status().takesQueueCalls() || state.onCall() != null || state.wrapUp() != null) {
                assertThat(state.availableFor(queue)).as("available in %s while %s", queue, state.view()).isFalse();
            }
        }
    }

    private static void singleCallEndsOfflineAfterOneQueueCall(AgentStatus before, List<Object> events,
                                                               AgentState after) {
        boolean queueCallEnded = events.stream()
                .anyMatch(e -> e instanceof AgentCallEnded ended && ended.queue() != null);
        if (before == AgentStatus.SINGLE_CALL && queueCallEnded) {
            assertThat(after.status()).isEqualTo(AgentStatus.OFFLINE);
        }
    }

    /** What the wrap-up poller does when the deadline passes must always close the wrap-up. */
    private static void wrapUpAlwaysEnds(List<Object> history) {
        AgentState state = fold(history);
        if (state.wrapUp() != null) {
            assertThat(state.wrapUp().until()).isNotNull();
            history.addAll(run(history, new AgentCommands.EndWrapUp(AGENT, state.wrapUp().call())).events());
            assertThat(fold(history).wrapUp()).isNull();
        }
    }

    private static AgentView withoutTimes(AgentView view) {
        return new AgentView(view.agent(), view.name(), view.email(), view.timeZone(), view.status(), null,
                view.onCall(), view.wrapUpUntil(), view.devices(), view.queues());
    }

    private static AgentState fold(List<Object> history) {
        AgentState state = new AgentState();
        history.forEach(event -> state.evolve((AgentEvent) event, T0));
        return state;
    }

    private static Step run(List<Object> history, Object command) {
        FixtureConfiguration<Agent> fixture = new AggregateTestFixture<>(Agent.class);
        List<Object> produced = new ArrayList<>();
        AgentView[] view = new AgentView[1];
        var result = fixture.given(history).when(command).expectEventsMatching(new Capture(produced));
        try {
            result.expectState(agent -> view[0] = agent.state().view());
        } catch (IllegalStateException refused) {
            // the command broke a rule and was rolled back: it must have recorded nothing
            assertThat(produced).as("events of a refused %s", command).isEmpty();
            view[0] = fold(history).view();
        }
        return new Step(produced, view[0]);
    }

    private record Step(List<Object> events, AgentView aggregateView) {
    }

    private static final class Capture extends BaseMatcher<List<? super EventMessage<?>>> {

        private final List<Object> payloads;

        Capture(List<Object> payloads) {
            this.payloads = payloads;
        }

        @Override
        public boolean matches(Object item) {
            for (Object message : (List<?>) item) {
                payloads.add(((EventMessage<?>) message).getPayload());
            }
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("any events (captured)");
        }
    }

    @Provide
    Arbitrary<List<Object>> steps() {
        Arbitrary<QueueId> queue = Arbitraries.of(QUEUES);
        Arbitrary<QueueId> queueOrDirect = Arbitraries.frequencyOf(
                Tuple.of(3, queue), Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<DeviceId> device = Arbitraries.of(DEVICES);
        Arbitrary<CallId> call = Arbitraries.integers().between(1, 6).map(n -> CallId.of("call-" + n));
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        Arbitrary<Object> command = Arbitraries.oneOf(
                Arbitraries.of(AgentStatus.values()).map(s -> new AgentCommands.ChangeStatus(AGENT, s,
                        ChangeSource.PORTAL, "p")),
                Combinators.combine(queue, flag).as((q, in) -> new AgentCommands.ChangeQueueLogin(AGENT, q, in,
                        ChangeSource.PORTAL, "p")),
                Combinators.combine(device, flag).as((d, on) -> new AgentCommands.SetDeviceActive(AGENT, d, on, "p")),
                Combinators.combine(device, Arbitraries.of("*50", "*51", "*52"))
                        .as((d, code) -> new AgentCommands.DialStarCode(AGENT, d, code)),
                Combinators.combine(queue, device, flag, Arbitraries.integers().between(1, 3))
                        .as((q, d, member, p) -> new AgentCommands.UpdateQueueMembership(AGENT, q, d, member, p)),
                Combinators.combine(call, queueOrDirect, device)
                        .as((c, q, d) -> new AgentCommands.StartCall(AGENT, c, q, d)),
                Combinators.combine(call, Arbitraries.integers().between(0, 60))
                        .as((c, wrap) -> new AgentCommands.EndCall(AGENT, c, T0, wrap, T0)),
                Combinators.combine(call, queueOrDirect)
                        .as((c, q) -> new AgentCommands.MissOffer(AGENT, c, q, LATER)),
                call.map(c -> new AgentCommands.EndWrapUp(AGENT, c)));
        return command.list().ofMinSize(1).ofMaxSize(30);
    }
}
