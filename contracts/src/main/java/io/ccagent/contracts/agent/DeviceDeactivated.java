package io.ccagent.contracts.agent;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;

import java.util.Objects;

/** One of the agent's phones was switched off for queue calls; it still rings for direct calls. */
@EventType("agent.DeviceDeactivated")
public record DeviceDeactivated(AgentId agent, DeviceId device, String actor) implements AgentEvent {

    public DeviceDeactivated {
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(device, "device is required");
        Objects.requireNonNull(actor, "actor is required");
    }
}
