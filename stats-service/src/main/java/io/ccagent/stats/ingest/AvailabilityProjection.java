package io.ccagent.stats.ingest;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.store.Generation;
import io.ccagent.stats.store.Keys;
import io.ccagent.stats.store.Latest;
import io.ccagent.stats.store.PathUpdates;
import io.ccagent.stats.store.Rows.Queue;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The router's availability facts, which the wallboard needs only as "latest reason of this agent in this queue":
 * kept in the queue's row (one latest-wins value per agent), whatever shape the router publishes them in, so the
 * wallboard reads a queue's members and their availability in one row. A wrap-up keeps its end and the reason that
 * follows it (no fact says when a wrap-up runs out: {@code QueueAvailability.asOf}).
 */
@Component
public class AvailabilityProjection {

    /** The event types this class reads. */
    static final List<Class<? extends Event>> TYPES = List.of(AgentAvailabilityChanged.class, CallerLeft.class);

    /** What stats needs of an availability fact: the reason, and for a wrap-up its end and the reason after it. */
    record Fact(String agent, String queue, String reason, String until, String after) {
    }

    static Stream<Fact> facts(Envelope envelope) {
        return AgentAvailabilityChanged.of(envelope.data()).stream().flatMap(changed -> changed.queues().stream()
                .map(queue -> new Fact(changed.agent().toString(), queue.queue().toString(), queue.reason().name(),
                        queue.until() == null ? "" : Long.toString(queue.until().toEpochMilli()),
                        queue.until() == null ? "" : queue.asOf(queue.until()).reason().name())));
    }

    public void apply(List<Envelope> events, Generation generation) {
        PathUpdates queues = new PathUpdates();
        for (Envelope envelope : events) {
            long time = envelope.time().toEpochMilli();
            facts(envelope).forEach(fact -> queues.max(fact.queue(), Queue.AVAILABILITY + "." + Keys.field(fact.agent()),
                    Latest.encode(time, envelope.id(), fact.reason(), fact.until(), fact.after())));
        }
        queues.setOnEach(Queue.VERSION, UUID.randomUUID().toString()).writeTo(generation.queues());
    }
}
