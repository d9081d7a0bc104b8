package io.ccagent.stats.rebuild;

import io.ccagent.badinput.http.Conflict;
import io.ccagent.badinput.kafka.DeadLetters.Source;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import io.ccagent.contracts.wire.TypeHeader;
import io.ccagent.stats.ingest.OverlappedWriter;
import io.ccagent.stats.ingest.Projector;
import io.ccagent.stats.ingest.ReadRecord;
import io.ccagent.stats.ingest.RecordReader;
import io.ccagent.stats.store.Generation;
import io.ccagent.stats.store.StatsStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replays the three topics from their first offset into an empty generation, then swaps it in. Live consumption
 * keeps writing the old generation meanwhile; the last stretch (up to the log end at the moment of the swap) is
 * replayed with live batches held back, so the new generation misses nothing. Records live consumption replays
 * again afterwards change nothing, because every projection write is idempotent. Records go through the same
 * {@link RecordReader} and {@link Projector} as live ones, so a rebuild projects exactly what live consumption did
 * (records live consumption dead-lettered are counted here as skipped, not dead-lettered twice).
 */
@Component
public class Rebuilder {

    private static final Logger log = LoggerFactory.getLogger(Rebuilder.class);

    private final StatsStore store;
    private final RecordReader reader;
    private final Projector projector;
    private final KafkaProperties kafka;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stats-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<RebuildStatus> status = new AtomicReference<>(RebuildStatus.idle());

    Rebuilder(StatsStore store, RecordReader reader, Projector projector, KafkaProperties kafka, MeterRegistry meters,
              Clock clock) {
        this.store = store;
        this.reader = reader;
        this.projector = projector;
        this.kafka = kafka;
        this.meters = meters;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    public RebuildStatus status() {
        return status.get();
    }

    /** Starts a rebuild in the background; refuses while one runs. */
    public RebuildStatus start() {
        RebuildStatus current = status.get();
        if (current.running()) {
            throw new Conflict("a rebuild is already running (started " + current.startedAt() + ")");
        }
        RebuildStatus started = RebuildStatus.started(clock.instant());
        if (!status.compareAndSet(current, started)) {
            throw new Conflict("a rebuild is already running");
        }
        worker.execute(this::run);
        return started;
    }

    private void run() {
        Instant startedAt = status.get().startedAt();
        long[] replayed = {0};
        try (KafkaConsumer<byte[], byte[]> consumer = consumer();
             OverlappedWriter writer = new OverlappedWriter("stats-rebuild-writer")) {
            List<TopicPartition> partitions = new ArrayList<>();
            RecordReader.topics().forEach(topic -> consumer.partitionsFor(topic)
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Generation next = store.emptyNext();
            replayed[0] += catchUp(consumer, writer, next);
            store.swap(next, () -> replayed[0] += catchUp(consumer, writer, next));
            status.set(RebuildStatus.finished(startedAt, clock.instant(), next.number(), replayed[0], null));
            log.info("projections rebuilt into generation {} from {} records", next.number(), replayed[0]);
        } catch (RuntimeException e) {
            status.set(RebuildStatus.finished(startedAt, clock.instant(), store.current().number(), replayed[0],
                    e.getMessage()));
            log.error("rebuild failed; the current projections stay in use", e);
        }
    }

    /**
     * Replays until every partition's position reaches the end offset it had when this call began; each poll is
     * read while the one before it is written.
     */
    private long catchUp(KafkaConsumer<byte[], byte[]> consumer, OverlappedWriter writer, Generation generation) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        long count = 0;
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            Map<String, List<ReadRecord>> byTopic = new LinkedHashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                count++;
                read(record).ifPresent(read -> byTopic.computeIfAbsent(record.topic(), topic -> new ArrayList<>())
                        .add(read));
            }
            writer.submit(() -> byTopic.forEach((topic, records) -> {
                int rejected = projector.project(topic, records, generation).size();
                meters.counter("cca.stats.rebuild.skipped").increment(rejected);
            }));
        }
        writer.awaitInFlight();
        return count;
    }

    private Optional<ReadRecord> read(ConsumerRecord<byte[], byte[]> record) {
        Header type = record.headers().lastHeader(TypeHeader.NAME);
        try {
            Envelope envelope = reader.read(record.topic(), record.key(), type == null ? null : type.value(),
                    record.value());
            return envelope == null ? Optional.empty()
                    : Optional.of(new ReadRecord(Source.of(record), record.key(), record.value(), envelope));
        } catch (MalformedEnvelopeException e) {
            meters.counter("cca.stats.rebuild.skipped").increment();
            return Optional.empty();
        }
    }

    /** Connection settings from spring.kafka.*, like the bindings; the rest is what a replay needs. */
    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> settings = kafka.buildConsumerProperties();
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
