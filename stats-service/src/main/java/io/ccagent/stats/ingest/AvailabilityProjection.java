package io.ccagent.stats.ingest;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.store.Generation;
import io.ccagent.stats.store.Keys;
import io.ccagent.stats.store.Latest;
import io.ccagent.stats.store.PathUpdates;
import io.ccagent.stats.store.Rows.Availability;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.stream.Stream;

/**
 * The router's availability facts, which the wallboard needs only as "latest reason of this agent in this queue":
 * kept per agent (one small row, one latest-wins value per queue), whatever shape the router publishes them in.
 */
@Component
public class AvailabilityProjection {

    /** The event types this class reads. */
    static final List<Class<? extends Event>> TYPES = List.of(AgentAvailabilityChanged.class);

    /** What stats needs of an availability fact. */
    record Fact(String agent, String queue, String reason) {
    }

    static Stream<Fact> facts(Envelope envelope) {
        if (envelope.data() instanceof AgentAvailabilityChanged changed) {
            return changed.queues().stream().map(queue -> new Fact(changed.agent().toString(),
                    queue.queue().toString(), queue.reason().name()));
        }
        return Stream.empty();
    }

    public void apply(List<Envelope> events, Generation generation) {
        PathUpdates agents = new PathUpdates();
        for (Envelope envelope : events) {
            long time = envelope.time().toEpochMilli();
            facts(envelope).forEach(fact -> agents.max(fact.agent(), Availability.QUEUES + "." + Keys.field(fact.queue()),
                    Latest.encode(time, envelope.id(), fact.reason())));
        }
        agents.writeTo(generation.availability());
    }
}
