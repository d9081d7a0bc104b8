package io.ccagent.agent.agents;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentEvent;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.DeviceDeactivated;
import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ccagent.agent.agents.AgentRulesTest.AGENT;
import static io.ccagent.agent.agents.AgentRulesTest.CALL;
import static io.ccagent.agent.agents.AgentRulesTest.DESK;
import static io.ccagent.agent.agents.AgentRulesTest.ME;
import static io.ccagent.agent.agents.AgentRulesTest.OTHER_CALL;
import static io.ccagent.agent.agents.AgentRulesTest.SALES;
import static io.ccagent.agent.agents.AgentRulesTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** A snapshot read back must be the same agent, or loading from snapshots would silently change behaviour. */
class AgentSnapshotTest {

    /** The serializer Axon builds for {@code axon.serializer.general=jackson}. */
    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()).build();

    @Test
    void anAgentSurvivesASnapshotRoundTrip() {
        Agent agent = new Agent();
        List<Object> history = List.of(AgentRulesTest.onlineThen(new DeviceDeactivated(AGENT, DESK, ME),
                new AgentCallStarted(AGENT, CALL, SALES, DESK), new AgentCallEnded(AGENT, CALL, SALES),
                new WrapUpStarted(AGENT, CALL, SALES, T0.plusSeconds(30)),
                new AgentCallStarted(AGENT, OTHER_CALL, null, DESK),
                AgentRulesTest.status(AgentStatus.ONLINE, AgentStatus.SINGLE_CALL, ChangeSource.STAR_CODE, ME)));
        history.forEach(event -> agent.on((AgentEvent) event, T0, "input-" + history.indexOf(event)));
        agent.on(new InputHandled("input-unchanged"));

        SerializedObject<String> snapshot = serializer.serialize(agent, String.class);
        Agent restored = serializer.deserialize(snapshot);

        assertThat(restored.state().view()).isEqualTo(agent.state().view());
        assertThat(restored.state().finished(CALL)).isTrue();
        assertThat(restored.state().wrapUp()).isEqualTo(agent.state().wrapUp());
        assertThat(restored.remembers("input-0")).as("causing envelope ids survive a snapshot").isTrue();
        assertThat(restored.remembers("input-unchanged")).isTrue();
    }
}
