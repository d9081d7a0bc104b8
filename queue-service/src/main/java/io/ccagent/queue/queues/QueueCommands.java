package io.ccagent.queue.queues;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.queue.QueueConfigured;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What supervisors, office managers and the seeder ask of a queue; already validated when built. */
final class QueueCommands {

    private QueueCommands() {
    }

    record ConfigureQueue(@TargetAggregateIdentifier String queueId, QueueConfigured settings) {
    }

    record PutMember(@TargetAggregateIdentifier String queueId, DeviceId device, AgentId agent, int priority,
                     int order, int tier, String actor) {
    }

    record RemoveMember(@TargetAggregateIdentifier String queueId, DeviceId device, String actor) {
    }
}
