package io.ccagent.contracts.queue;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.QueueId;

import java.util.Objects;

/**
 * An office manager deleted the queue. Its members were removed first (one {@link QueueMemberRemoved} each, so their
 * agents leave it as for any removal); callers still waiting are sent on by the router as when the queue ring timeout
 * passes (forward target or voicemail; voicemail when the queue kept callers waiting). The extension can be created
 * again later.
 */
@EventType("queue.Deleted")
public record QueueDeleted(QueueId queue, String actor) implements QueueEvent {

    public QueueDeleted {
        Objects.requireNonNull(queue, "queue is required");
        Objects.requireNonNull(actor, "actor is required");
    }
}
