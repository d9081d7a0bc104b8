package io.ccagent.stats.ingest;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import io.ccagent.badinput.kafka.DeadLetters.Source;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.ingest.ReadRecord.Rejected;
import io.ccagent.stats.store.Generation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The write path's error handling, with projections that fail on purpose (no store needed). */
class ProjectorTest {

    static final Tenant TENANT = Tenant.of("projector.example.com");

    @Test
    void aStoreErrorThatPassesIsRetriedUntilTheWriteGoesThrough() {
        List<List<Envelope>> written = new ArrayList<>();
        int[] failuresLeft = {3};
        CallProjection calls = new CallProjection() {
            @Override
            public void apply(List<Envelope> events, Generation generation) {
                if (failuresLeft[0]-- > 0) {
                    throw new MongoSocketReadException("connection reset", new ServerAddress());
                }
                written.add(events);
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<ReadRecord> records = List.of(record("a"), record("b"));

        List<Rejected> rejected = projector(calls, meters).project(Topics.CALL_EVENTS, records, null);

        assertThat(rejected).isEmpty();
        assertThat(written).containsExactly(records.stream().map(ReadRecord::envelope).toList());
        assertThat(meters.counter("cca.stats.store.retries", "topic", Topics.CALL_EVENTS).count()).isEqualTo(3);
    }

    @Test
    void aRecordThatCannotBeProjectedIsHandedBackAloneAndTheOthersAreWritten() {
        List<String> written = new ArrayList<>();
        CallProjection calls = new CallProjection() {
            @Override
            public void apply(List<Envelope> events, Generation generation) {
                if (events.stream().anyMatch(event -> call(event).equals("bad"))) {
                    throw new IllegalStateException("cannot project call bad");
                }
                events.forEach(event -> written.add(call(event)));
            }
        };
        List<ReadRecord> records = List.of(record("a"), record("bad"), record("c"));

        List<Rejected> rejected = projector(calls, new SimpleMeterRegistry()).project(Topics.CALL_EVENTS, records, null);

        assertThat(rejected).extracting(Rejected::record).containsExactly(records.get(1));
        assertThat(rejected.get(0).reason()).contains("cannot project call bad");
        assertThat(written).containsExactly("a", "c");
    }

    @Test
    void onlyStoreErrorsThatGoAwayCountAsPassing() {
        assertThat(Projector.passes(new MongoSocketReadException("reset", new ServerAddress()))).isTrue();
        assertThat(Projector.passes(new IllegalStateException("wrapped",
                new MongoSocketReadException("reset", new ServerAddress())))).isTrue();
        assertThat(Projector.passes(new IllegalArgumentException("bad data"))).isFalse();
    }

    private static Projector projector(CallProjection calls, SimpleMeterRegistry meters) {
        return new Projector(calls, new AgentProjection(), new QueueProjection(), new AvailabilityProjection(), meters);
    }

    private static String call(Envelope envelope) {
        return ((OutboundPlaced) envelope.data()).call().value();
    }

    private static ReadRecord record(String call) {
        AgentId agent = AgentId.of("1002", TENANT);
        Envelope envelope = Envelope.of(UUID.randomUUID(), Instant.parse("2026-11-26T10:00:00Z"), null,
                new OutboundPlaced(TENANT, CallId.of(call), DeviceId.of("1002a", TENANT), agent, "+15550001", null));
        return new ReadRecord(new Source(Topics.CALL_EVENTS, 0, 0), TENANT.domain(), null, envelope);
    }
}
