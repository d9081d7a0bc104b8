package io.ccagent.stats;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.ccagent.badinput.kafka.DeadLetters.Source;
import io.ccagent.contracts.Event;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.agent.AgentQueries;
import io.ccagent.stats.ingest.AgentProjection;
import io.ccagent.stats.ingest.AvailabilityProjection;
import io.ccagent.stats.ingest.CallProjection;
import io.ccagent.stats.ingest.Projector;
import io.ccagent.stats.ingest.QueueProjection;
import io.ccagent.stats.ingest.ReadRecord;
import io.ccagent.stats.queue.QueueQueries;
import io.ccagent.stats.retention.RetentionJob;
import io.ccagent.stats.store.StatsStore;
import io.ccagent.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projections and queries wired by hand on an in-process MongoDB, for feeding events directly. In memory by
 * default; {@code -Dstats.test.backend=h2} runs them on the H2 backend the local runtime persists with.
 */
public final class ProjectionFixture implements AutoCloseable {

    public final MutableClock clock;
    public final StatsStore store;
    private final Projector projector;
    public final AgentQueries agents;
    public final QueueQueries queues;
    public final RetentionJob retention;
    private final MongoServer server;
    private final MongoClient client;

    public ProjectionFixture(Instant now) {
        server = new MongoServer("h2".equals(System.getProperty("stats.test.backend")) ? H2Backend.inMemory()
                : new MemoryBackend());
        var address = server.bind();
        client = MongoClients.create("mongodb://localhost:" + address.getPort());
        clock = new MutableClock(now);
        StatsProperties properties = new StatsProperties(14, 90, Duration.ofHours(1));
        store = new StatsStore(client.getDatabase("stats"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        projector = new Projector(new CallProjection(), new AgentProjection(), new QueueProjection(),
                new AvailabilityProjection(), meters);
        agents = new AgentQueries(store, properties, clock);
        queues = new QueueQueries(store, clock);
        retention = new RetentionJob(store, properties, clock, meters);
    }

    public static Envelope envelope(Event event, Instant time) {
        return Envelope.of(UUID.randomUUID(), time, null, event);
    }

    /** Projects the envelopes as one batch per topic, in the given order. */
    public void apply(List<Envelope> envelopes) {
        for (String topic : List.of(Topics.CALL_EVENTS, Topics.AGENT_EVENTS, Topics.QUEUE_EVENTS, Topics.QUEUE_FACTS)) {
            assertThat(projector.project(topic, of(envelopes, topic), store.current())).isEmpty();
        }
    }

    private static List<ReadRecord> of(List<Envelope> envelopes, String topic) {
        return envelopes.stream().filter(envelope -> Topics.of(envelope.data()).equals(topic))
                .map(envelope -> new ReadRecord(new Source(topic, 0, 0), envelope.key(), null, envelope)).toList();
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
