package io.ccagent.contracts.agent;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;

import java.util.List;
import java.util.Objects;

/** An agent now exists, with its phones and the time zone its history and graphs are shown in. */
@EventType("agent.Provisioned")
public record AgentProvisioned(AgentId agent, String name, String email, List<DeviceId> devices, String timeZone)
        implements AgentEvent {

    public AgentProvisioned {
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(name, "name is required");
        devices = List.copyOf(devices == null ? List.of() : devices);
        Objects.requireNonNull(timeZone, "timeZone is required");
    }
}
