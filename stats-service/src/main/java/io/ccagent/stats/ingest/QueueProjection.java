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
import io.ccagent.stats.store.Rows.TenantQueues;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Projects {@code queue.events}: the queue's name and zone and its members, each as a latest-wins value ({@code $max}
 * of a time-ordered string), and the queue in its tenant's list. Availability facts go to
 * {@link AvailabilityProjection}.
 */
@Component
public class QueueProjection {

    public void apply(List<Envelope> events, Generation generation) {
        PathUpdates queues = new PathUpdates();
        PathUpdates tenants = new PathUpdates();
        for (Envelope envelope : events) {
            long time = envelope.time().toEpochMilli();
            if (envelope.data() instanceof QueueConfigured configured) {
                String queue = listed(queues, tenants, envelope, configured.queue().toString());
                queues.max(queue, Queue.CONFIG, Latest.encode(time, envelope.id(), configured.timeZone(),
                        configured.name()));
            } else if (envelope.data() instanceof QueueMemberAdded added) {
                member(queues, tenants, envelope, added.queue().toString(), added.device().toString(), "+",
                        added.agent().toString());
            } else if (envelope.data() instanceof QueueMemberUpdated updated) {
                member(queues, tenants, envelope, updated.queue().toString(), updated.device().toString(), "+",
                        updated.agent().toString());
            } else if (envelope.data() instanceof QueueMemberRemoved removed) {
                member(queues, tenants, envelope, removed.queue().toString(), removed.device().toString(), "-",
                        removed.agent().toString());
            }
        }
        // the tenant's list first: a queue listed whose row a crash left unwritten is skipped until the redelivery
        tenants.writeTo(generation.tenantQueues());
        queues.setOnEach(Queue.VERSION, UUID.randomUUID().toString()).writeTo(generation.queues());
    }

    private static void member(PathUpdates queues, PathUpdates tenants, Envelope envelope, String queue,
                               String device, String change, String agent) {
        queues.max(listed(queues, tenants, envelope, queue), Queue.MEMBERS + "." + Keys.field(device),
                Latest.encode(envelope.time().toEpochMilli(), envelope.id(), change, agent));
    }

    /** The queue's row names its tenant (the record key), and the tenant's row lists the queue. */
    private static String listed(PathUpdates queues, PathUpdates tenants, Envelope envelope, String queue) {
        queues.set(queue, Queue.TENANT, envelope.key());
        tenants.set(envelope.key(), TenantQueues.QUEUES + "." + Keys.field(queue), true);
        return queue;
    }
}
