package io.ccagent.stats.rebuild;

import io.ccagent.contracts.Topics;
import io.ccagent.stats.ingest.IngestPipeline;
import io.ccagent.stats.store.Generation;
import io.ccagent.stats.store.StatsStore;
import io.ccagent.stats.web.Conflict;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replays the four topics from their first offset into an empty generation, then swaps it in. Live consumption
 * keeps writing the old generation meanwhile; the last stretch (up to the log end at the moment of the swap) is
 * replayed with live batches held back, so the new generation misses nothing. Records live consumption replays
 * again afterwards change nothing, because every projection write is idempotent.
 */
@Component
public class Rebuilder {

    static final List<String> TOPICS = List.of(Topics.CALL_EVENTS, Topics.AGENT_EVENTS, Topics.QUEUE_EVENTS,
            Topics.QUEUE_FACTS);
    private static final Logger log = LoggerFactory.getLogger(Rebuilder.class);

    private final StatsStore store;
    private final IngestPipeline pipeline;
    private final String bootstrapServers;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stats-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<RebuildStatus> status = new AtomicReference<>(RebuildStatus.idle());

    Rebuilder(StatsStore store, IngestPipeline pipeline, Clock clock,
              @Value("${spring.cloud.stream.kafka.binder.brokers}") String bootstrapServers) {
        this.store = store;
        this.pipeline = pipeline;
        this.clock = clock;
        this.bootstrapServers = bootstrapServers;
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
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            TOPICS.forEach(topic -> consumer.partitionsFor(topic)
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Generation next = store.emptyNext();
            replayed[0] += catchUp(consumer, next);
            store.swap(next, () -> replayed[0] += catchUp(consumer, next));
            status.set(RebuildStatus.finished(startedAt, clock.instant(), next.number(), replayed[0], null));
            log.info("projections rebuilt into generation {} from {} records", next.number(), replayed[0]);
        } catch (RuntimeException e) {
            status.set(RebuildStatus.finished(startedAt, clock.instant(), store.current().number(), replayed[0],
                    e.getMessage()));
            log.error("rebuild failed; the current projections stay in use", e);
        }
    }

    /** Replays until every partition's position reaches the end offset it had when this call began. */
    private long catchUp(KafkaConsumer<byte[], byte[]> consumer, Generation generation) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        long count = 0;
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            Map<String, List<byte[]>> byTopic = new LinkedHashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                byTopic.computeIfAbsent(record.topic(), ignored -> new ArrayList<>()).add(record.value());
                count++;
            }
            byTopic.forEach((topic, records) -> pipeline.apply(topic, pipeline.decodeReadable(records), generation));
        }
        return count;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000",
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, String.valueOf(64 * 1024 * 1024),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
