package io.ccagent.stats.ingest;

import io.ccagent.badinput.kafka.DeadLetterWriter;
import io.ccagent.badinput.kafka.DeadLetters.Source;
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
    private final DeadLetterWriter deadLetters;
    /** One writer per consumer thread; a restarted binding has new threads, whose writers replace the old ones. */
    private final Map<Thread, OverlappedWriter> writers = new ConcurrentHashMap<>();

    IngestPipeline(RecordReader reader, Projector projector, StatsStore store, MeterRegistry meters,
                   DeadLetterWriter deadLetters) {
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
     * {@code batch} holds the values with their partitions and offsets, keys and types (the {@code ce_type} header
     * values) in the same order; keys or types may be null when the batch carries none.
     */
    void consume(String topic, Batch batch) {
        OverlappedWriter chunks = writerOf(Thread.currentThread());
        for (int start = 0; start < batch.values().size(); start += CHUNK) {
            List<ReadRecord> chunk = read(topic, batch, start, Math.min(batch.values().size(), start + CHUNK));
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

    private List<ReadRecord> read(String topic, Batch batch, int from, int to) {
        List<ReadRecord> read = new ArrayList<>(to - from);
        int skipped = 0;
        for (int index = from; index < to; index++) {
            Source source = new Source(topic, batch.partitions().get(index), batch.offsets().get(index));
            Object key = batch.keys() == null ? null : batch.keys().get(index);
            byte[] value = batch.values().get(index);
            try {
                Envelope envelope = reader.read(topic, key, batch.types() == null ? null : batch.types().get(index),
                        value);
                if (envelope != null) {
                    read.add(new ReadRecord(source, key, value, envelope));
                } else {
                    skipped++;
                }
            } catch (MalformedEnvelopeException e) {
                deadLetter(source, key, value, e);
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
        rejected.forEach(bad -> deadLetter(bad.record().source(), bad.record().key(), bad.record().value(),
                bad.cause()));
        meters.counter("cca.stats.events.projected", "topic", topic).increment(chunk.size() - rejected.size());
    }

    private void deadLetter(Source source, Object key, byte[] value, RuntimeException reason) {
        deadLetters.write(source, key, value, reason);
        meters.counter("cca.stats.records.dead.lettered", "topic", source.topic()).increment();
    }

    /** One poll of one binding, as the batch listener receives it: one entry per record in each list. */
    record Batch(List<byte[]> values, List<Integer> partitions, List<Long> offsets, List<?> keys, List<?> types) {
    }
}
