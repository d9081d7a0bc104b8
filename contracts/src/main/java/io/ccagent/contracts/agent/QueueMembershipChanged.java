package io.ccagent.contracts.agent;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;

import java.util.List;
import java.util.Objects;

/**
 * The agent's view of which of its devices are members of a queue changed (learned from queue.events).
 * An empty device list means the agent is no longer in that queue.
 */
@EventType("agent.QueueMembershipChanged")
public record QueueMembershipChanged(AgentId agent, QueueId queue, List<DeviceId> devices, int priority)
        implements AgentEvent {

    public QueueMembershipChanged {
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(queue, "queue is required");
        devices = List.copyOf(devices == null ? List.of() : devices);
    }
}
