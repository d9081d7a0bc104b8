package io.ccagent.contracts.queue;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;

import java.util.Objects;

/** A device was taken off the queue's agent list. */
@EventType("queue.MemberRemoved")
public record QueueMemberRemoved(QueueId queue, DeviceId device, AgentId agent, String actor) implements QueueEvent {

    public QueueMemberRemoved {
        Objects.requireNonNull(queue, "queue is required");
        Objects.requireNonNull(device, "device is required");
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(actor, "actor is required");
    }
}
