package io.ccagent.stats.ingest;

import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import io.ccagent.stats.ingest.ReadRecord.Rejected;
import io.ccagent.stats.store.StatsStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live consumption of one batch of one topic: chunk by chunk, each chunk is read ({@link RecordReader}) while the
 * chunk before it is written ({@link Projector}) on the consumer's writer thread; the batch returns (and its offsets
 * are committed) only when every chunk is written. Records that can never be projected go to the dead-letter topic,
 * each alone; the rest of the batch is projected.
 */
@Component
public class IngestPipeline {

    /** Large enough to keep round trips per record low, small enough that decoding and writing overlap. */
    static final int CHUNK = 1000;

    private final RecordReader reader;
    private final Projector projector;
    private final StatsStore store;
    private final MeterRegistry meters;
    private final DeadLetters deadLetters;
    /** One writer per consumer thread; a restarted binding has new threads, whose writers replace the old ones. */
    private final Map<Thread, OverlappedWriter> writers = new ConcurrentHashMap<>();

    IngestPipeline(RecordReader reader, Projector projector, StatsStore store, MeterRegistry meters,
                   DeadLetters deadLetters) {
        this.reader = reader;
        this.projector = projector;
        this.store = store;
        this.meters = meters;
        this.deadLetters = deadLetters;
    }

    @PreDestroy
    void stop() {
        writers.values().forEach(OverlappedWriter::close);
    }

    /**
     * {@code keys} and {@code types} (the {@code ce_type} header values) are in the order of {@code values}; either
     * may be null when the batch carries none.
     */
    void consume(String topic, List<byte[]> values, List<?> keys, List<?> types) {
        OverlappedWriter chunks = writerOf(Thread.currentThread());
        for (int start = 0; start < values.size(); start += CHUNK) {
            List<ReadRecord> chunk = read(topic, values, keys, types, start, Math.min(values.size(), start + CHUNK));
            chunks.submit(() -> write(topic, chunk));
        }
        chunks.awaitInFlight();
    }

    private OverlappedWriter writerOf(Thread consumer) {
        OverlappedWriter writer = writers.get(consumer);
        if (writer == null) {
            writers.entrySet().removeIf(owned -> {
                boolean ended = !owned.getKey().isAlive();
                if (ended) {
                    owned.getValue().close();
                }
                return ended;
            });
            writer = new OverlappedWriter(consumer.getName() + "-writer");
            writers.put(consumer, writer);
        }
        return writer;
    }

    private List<ReadRecord> read(String topic, List<byte[]> values, List<?> keys, List<?> types, int from, int to) {
        List<ReadRecord> read = new ArrayList<>(to - from);
        int skipped = 0;
        for (int index = from; index < to; index++) {
            Object key = keys == null ? null : keys.get(index);
            byte[] value = values.get(index);
            try {
                Envelope envelope = reader.read(topic, key, types == null ? null : types.get(index), value);
                if (envelope != null) {
                    read.add(new ReadRecord(key, value, envelope));
                } else {
                    skipped++;
                }
            } catch (MalformedEnvelopeException e) {
                deadLetter(topic, key, value, e.getMessage());
            }
        }
        meters.counter("cca.stats.records.skipped", "topic", topic).increment(skipped);
        return read;
    }

    private void write(String topic, List<ReadRecord> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        List<Rejected> rejected = new ArrayList<>();
        store.writeLive(generation -> rejected.addAll(projector.project(topic, chunk, generation)));
        rejected.forEach(bad -> deadLetter(topic, bad.record().key(), bad.record().value(), bad.reason()));
        meters.counter("cca.stats.events.projected", "topic", topic).increment(chunk.size() - rejected.size());
    }

    private void deadLetter(String topic, Object key, byte[] value, String reason) {
        deadLetters.send(topic, key, value, reason);
        meters.counter("cca.stats.records.dead.lettered", "topic", topic).increment();
    }
}
