package io.ccagent.contracts.agent;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;

import java.util.Objects;

/** The agent is on a call; {@code queue} is null for direct and outbound calls. */
@EventType("agent.CallStarted")
public record AgentCallStarted(AgentId agent, CallId call, QueueId queue, DeviceId device) implements AgentEvent {

    public AgentCallStarted {
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(device, "device is required");
    }
}
