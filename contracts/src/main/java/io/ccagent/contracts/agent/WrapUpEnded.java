package io.ccagent.contracts.agent;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;

import java.util.Objects;

/** Wrap-up is over; the agent is available again by itself. */
@EventType("agent.WrapUpEnded")
public record WrapUpEnded(AgentId agent, CallId call) implements AgentEvent {

    public WrapUpEnded {
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(call, "call is required");
    }
}
