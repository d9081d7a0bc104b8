package io.ccagent.contracts.queue;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.QueueId;

import java.util.Objects;

/**
 * A queue was created or its settings edited; carries the whole configuration so readers need no history.
 * {@code unansweredTarget} is the number or extension for {@link UnansweredAction#FORWARD}, else null.
 */
@EventType("queue.Configured")
public record QueueConfigured(QueueId queue, String name, QueueType type, int wrapUpSeconds,
                              int agentRingTimeoutSeconds, int queueRingTimeoutSeconds,
                              UnansweredAction unansweredAction, String unansweredTarget, String timeZone,
                              String actor) implements QueueEvent {

    public QueueConfigured {
        Objects.requireNonNull(queue, "queue is required");
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(unansweredAction, "unansweredAction is required");
        Objects.requireNonNull(timeZone, "timeZone is required");
        Objects.requireNonNull(actor, "actor is required");
        if (wrapUpSeconds < 0 || agentRingTimeoutSeconds <= 0 || queueRingTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("wrap-up must be >= 0 and ring timeouts > 0");
        }
    }
}
