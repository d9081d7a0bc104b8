package io.ccagent.contracts.queue;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;

/**
 * A queue's configuration and the callers agents pick, published on {@code queue.events} by queue-service (one of the
 * router's inputs); subject is the queue id. The router's own facts are {@link RouterFact}s, on a topic of their own.
 */
public sealed interface QueueEvent extends Event permits QueueConfigured, QueueMemberAdded, QueueMemberUpdated,
        QueueMemberRemoved, QueueDeleted, CallerPicked {

    QueueId queue();

    @Override
    default Tenant tenant() {
        return queue().tenant();
    }

    @Override
    default String subject() {
        return queue().toString();
    }
}
