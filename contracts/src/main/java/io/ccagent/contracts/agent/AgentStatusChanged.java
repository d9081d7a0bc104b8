package io.ccagent.contracts.agent;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;

import java.util.Objects;

/** The agent's status changed; {@code actor} is the login or component that made the change. */
@EventType("agent.StatusChanged")
public record AgentStatusChanged(AgentId agent, AgentStatus from, AgentStatus to, ChangeSource source, String actor)
        implements AgentEvent {

    public AgentStatusChanged {
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(from, "from is required");
        Objects.requireNonNull(to, "to is required");
        Objects.requireNonNull(source, "source is required");
        Objects.requireNonNull(actor, "actor is required");
    }
}
