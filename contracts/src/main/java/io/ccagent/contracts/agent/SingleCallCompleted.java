package io.ccagent.contracts.agent;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;

import java.util.Objects;

/** The one queue call of Single-Call mode is done (handled or missed); a status change to Offline follows. */
@EventType("agent.SingleCallCompleted")
public record SingleCallCompleted(AgentId agent, CallId call) implements AgentEvent {

    public SingleCallCompleted {
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(call, "call is required");
    }
}
