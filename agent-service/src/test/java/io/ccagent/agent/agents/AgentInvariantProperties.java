package io.ccagent.agent.agents;

import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentEvent;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.testkit.PropertyCheck;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ccagent.agent.agents.AgentGenerators.QUEUES;
import static io.ccagent.agent.agents.AgentGenerators.T0;
import static io.ccagent.agent.agents.AgentRulesTest.AGENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of portal commands, star codes, queue membership changes and call events, driven through the
 * real aggregate, must keep the issue-3 invariants after every step.
 */
class AgentInvariantProperties {

    /** 150 command sequences of 1 to 30 steps each (the property's case count is part of its strength: keep it). */
    private static final int CASES = 150;
    private static final int MAX_STEPS = 30;

    @Test
    void theAgentNeverGetsStuck() {
        PropertyCheck.check("theAgentNeverGetsStuck", CASES, 200,
                AgentGenerators.commandSequences(MAX_STEPS), AgentInvariantProperties::neverStuck);
    }

    private static void neverStuck(List<Object> commands) {
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
}
