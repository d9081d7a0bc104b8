package io.ccagent.contracts.queue;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.QueueId;

import java.time.Instant;
import java.util.Objects;

/** The agent turned green or red in one queue; {@code until} is set for wrap-up, else null. */
@EventType("queue.AvailabilityChanged")
public record AgentAvailabilityChanged(QueueId queue, AgentId agent, boolean available, UnavailableReason reason,
                                       Instant until) implements QueueEvent {

    public AgentAvailabilityChanged {
        Objects.requireNonNull(queue, "queue is required");
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(reason, "reason is required");
        if (available != (reason == UnavailableReason.NONE)) {
            throw new IllegalArgumentException("reason must be NONE exactly when available");
        }
    }
}
