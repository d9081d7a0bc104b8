package io.ccagent.contracts.queue;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;

/** Facts about one call queue, published on {@code queue.events} by queue-service; subject is the queue id. */
public sealed interface QueueEvent extends Event permits QueueConfigured, QueueMemberAdded, QueueMemberUpdated,
        QueueMemberRemoved, AgentAvailabilityChanged, CallerWaiting, CallerLeft, CallerPicked {

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
