package io.ccagent.stats.ingest;

import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueMemberUpdated;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.store.Generation;
import io.ccagent.stats.store.Keys;
import io.ccagent.stats.store.Latest;
import io.ccagent.stats.store.PathUpdates;
import io.ccagent.stats.store.Rows.Queue;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Projects {@code queue.events}: the queue's name and zone and its members, each as a latest-wins value ({@code $max}
 * of a time-ordered string). Availability facts go to {@link AvailabilityProjection}.
 */
@Component
public class QueueProjection {

    public void apply(List<Envelope> events, Generation generation) {
        PathUpdates queues = new PathUpdates();
        for (Envelope envelope : events) {
            long time = envelope.time().toEpochMilli();
            if (envelope.data() instanceof QueueConfigured configured) {
                String queue = configured.queue().toString();
                queues.set(queue, Queue.TENANT, envelope.key()).max(queue, Queue.CONFIG,
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
            }
        }
        queues.writeTo(generation.queues());
    }

    private static void member(PathUpdates queues, Envelope envelope, String queue, String device, String change,
                               String agent) {
        queues.set(queue, Queue.TENANT, envelope.key()).max(queue, Queue.MEMBERS + "." + Keys.field(device),
                Latest.encode(envelope.time().toEpochMilli(), envelope.id(), change, agent));
    }
}
