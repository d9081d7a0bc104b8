package io.ccagent.contracts.queue;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;

import java.util.Objects;

/**
 * A device (one agent's phone) was added to the queue's agent list. Lower {@code priority} wins
 * when the agent's queues compete; {@code order} drives linear types; {@code tier} drives tiered and cascade types.
 */
@EventType("queue.MemberAdded")
public record QueueMemberAdded(QueueId queue, DeviceId device, AgentId agent, int priority, int order, int tier,
                               String actor) implements QueueEvent {

    public QueueMemberAdded {
        Objects.requireNonNull(queue, "queue is required");
        Objects.requireNonNull(device, "device is required");
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(actor, "actor is required");
    }
}
