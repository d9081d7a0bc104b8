package io.ccagent.contracts.agent;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;

import java.util.Objects;

/** One of the agent's phones was switched on for queue calls (the Active Phones check box). */
@EventType("agent.DeviceActivated")
public record DeviceActivated(AgentId agent, DeviceId device, String actor) implements AgentEvent {

    public DeviceActivated {
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(device, "device is required");
        Objects.requireNonNull(actor, "actor is required");
    }
}
