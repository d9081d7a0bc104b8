package io.ccagent.contracts.agent;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;

import java.util.List;
import java.util.Objects;

/**
 * The agent's view of which of its devices are members of a queue changed (learned from queue.events).
 * An empty device list means the agent is no longer in that queue. {@code devicePriorities} holds each member
 * device's priority; {@code priority} is the lowest of them, the one routing uses for the agent in that queue.
 * Records written before {@code devicePriorities} existed read as every device having {@code priority}.
 */
@EventType("agent.QueueMembershipChanged")
public record QueueMembershipChanged(AgentId agent, QueueId queue, List<DeviceId> devices, int priority,
                                     List<DevicePriority> devicePriorities) implements AgentEvent {

    /** One member device of the agent in the queue with its priority there. */
    public record DevicePriority(DeviceId device, int priority) {

        public DevicePriority {
            Objects.requireNonNull(device, "device is required");
        }
    }

    public QueueMembershipChanged {
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(queue, "queue is required");
        devices = List.copyOf(devices == null ? List.of() : devices);
        if (devicePriorities == null) {
            int every = priority;
            devicePriorities = devices.stream().map(device -> new DevicePriority(device, every)).toList();
        }
        devicePriorities = List.copyOf(devicePriorities);
    }

    /** Every device with the same priority. */
    public QueueMembershipChanged(AgentId agent, QueueId queue, List<DeviceId> devices, int priority) {
        this(agent, queue, devices, priority, null);
    }

    /** The devices with their priorities; {@code priority} is the lowest of them (0 when none is left). */
    public static QueueMembershipChanged of(AgentId agent, QueueId queue, List<DevicePriority> devicePriorities) {
        return new QueueMembershipChanged(agent, queue, devicePriorities.stream().map(DevicePriority::device).toList(),
                devicePriorities.stream().mapToInt(DevicePriority::priority).min().orElse(0), devicePriorities);
    }
}
