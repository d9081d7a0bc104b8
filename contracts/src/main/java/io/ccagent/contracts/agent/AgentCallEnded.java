package io.ccagent.contracts.agent;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;

import java.util.Objects;

/** The agent's call ended; a queue call is followed by {@link WrapUpStarted}. */
@EventType("agent.CallEnded")
public record AgentCallEnded(AgentId agent, CallId call, QueueId queue) implements AgentEvent {

    public AgentCallEnded {
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(call, "call is required");
    }
}
