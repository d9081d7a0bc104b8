package io.ccagent.stats.ingest;

import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueMemberUpdated;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.store.Generation;
import io.ccagent.stats.store.Keys;
import io.ccagent.stats.store.Latest;
import io.ccagent.stats.store.PathUpdates;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Projects {@code queue.events} and the router's {@code queue.facts}: the queue's name and zone, its members and each
 * agent's availability in it (one fact per agent carries all of its queues), each
 * as a latest-wins value ({@code $max} of a time-ordered string).
 */
@Component
public class QueueProjection {

    public void apply(List<Envelope> events, Generation generation) {
        PathUpdates queues = new PathUpdates();
        for (Envelope envelope : events) {
            long time = envelope.time().toEpochMilli();
            if (envelope.data() instanceof QueueConfigured configured) {
                String queue = configured.queue().toString();
                queues.set(queue, "tn", envelope.key()).max(queue, "cfg",
                        Latest.encode(time, envelope.id(), configured.timeZone(), configured.name()));
            } else if (envelope.data() instanceof QueueMemberAdded added) {
                member(queues, envelope, added.queue().toString(), added.device().toString(), "+",
                        added.agent().toString());
            } else if (envelope.data() instanceof QueueMemberUpdated updated) {
                member(queues, envelope, updated.queue().toString(), updated.device().toString(), "+",
                        updated.agent().toString());
            } else if (envelope.data() instanceof QueueMemberRemoved removed) {
                member(queues, envelope, removed.queue().toString(), removed.device().toString(), "-",
                        removed.agent().toString());
            } else if (envelope.data() instanceof AgentAvailabilityChanged availability) {
                String agent = Keys.field(availability.agent().toString());
                for (AgentAvailabilityChanged.QueueAvailability inQueue : availability.queues()) {
                    String queue = inQueue.queue().toString();
                    queues.set(queue, "tn", envelope.key()).max(queue, "av." + agent,
                            Latest.encode(time, envelope.id(), inQueue.reason().name()));
                }
            }
        }
        queues.writeTo(generation.queues());
    }

    private static void member(PathUpdates queues, Envelope envelope, String queue, String device, String change,
                               String agent) {
        queues.set(queue, "tn", envelope.key()).max(queue, "mb." + Keys.field(device),
                Latest.encode(envelope.time().toEpochMilli(), envelope.id(), change, agent));
    }
}
