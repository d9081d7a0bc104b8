package io.ccagent.queue.routing;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.queue.QueueSettings;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The router's one thread: one consumer of the three input topics, one transactional producer per owned partition
 * number, ticks and snapshots between polls. On assignment each partition number is restored from its snapshot and
 * only the tail after it is replayed; on revocation each is snapshotted at its committed offsets.
 */
@Component
class RouterLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouterLoop.class);

    private final RouterKafka kafka;
    private final RouterSnapshots snapshots;
    private final EnvelopeCodec codec;
    private final RoutingMetrics metrics;
    private final Clock clock;
    private final QueueSettings.Routing settings;
    private final Map<Integer, OwnedPartition> owned = new TreeMap<>();
    private final ExecutorService snapshotWriter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "router-snapshots");
        thread.setDaemon(true);
        return thread;
    });
    /** Commits the transactions of several partition numbers at once; the routing thread waits for them. */
    private final ExecutorService committers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "router-commit");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> lastSnapshotWrite;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    RouterLoop(RouterKafka kafka, RouterSnapshots snapshots, EnvelopeCodec codec, RoutingMetrics metrics,
               Clock clock, QueueSettings settings) {
        this.kafka = kafka;
        this.snapshots = snapshots;
        this.codec = codec;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings.routing();
    }

    @Override
    public void start() {
        try {
            kafka.checkTopics();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the router's topics", e);
        }
        consumer = kafka.consumer();
        running = true;
        thread = new Thread(this::run, "router");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread == null) {
            return;
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        snapshotWriter.shutdown();
        committers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> input = consumer) {
            input.subscribe(Topics.ROUTER_INPUTS, new Assignment());
            long tickNanos = settings.tickInterval().toNanos();
            long nextTick = System.nanoTime() + tickNanos;
            while (running) {
                long wait = Math.max(1, (nextTick - System.nanoTime()) / 1_000_000);
                ConsumerRecords<String, byte[]> records = input.poll(Duration.ofMillis(wait));
                route(records, input);
                if (System.nanoTime() - nextTick >= 0) {
                    tickAndSnapshot(input);
                    nextTick = System.nanoTime() + tickNanos;
                }
            }
            snapshotAll();
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
            snapshotAll();
        } catch (RuntimeException e) {
            log.error("The router stopped", e);
            throw e;
        } finally {
            owned.values().forEach(OwnedPartition::close);
            owned.clear();
        }
    }

    /**
     * Each partition number's records, topic by topic, in one transaction per partition number. The routing thread
     * decides them all, then the partitions' transactions commit at once (each on its own producer) and the loop
     * waits for every one before it polls again: a poll costs one commit's round trips, not one per partition.
     */
    private void route(ConsumerRecords<String, byte[]> records, KafkaConsumer<String, byte[]> input) {
        Map<Integer, List<ConsumerRecord<String, byte[]>>> byPartition = new TreeMap<>();
        for (TopicPartition partition : records.partitions()) {
            byPartition.computeIfAbsent(partition.partition(), n -> new ArrayList<>()).addAll(records.records(partition));
        }
        Map<Integer, OwnedPartition.Transaction> decided = new TreeMap<>();
        byPartition.forEach((number, polled) -> {
            OwnedPartition partition = owned.get(number);
            if (partition == null) {
                return;
            }
            if (partition.live()) {
                decided.put(number, partition.decide(polled));
                return;
            }
            guarded(number, input, () -> {
                partition.replay(polled, input);
                if (partition.live()) {
                    goLive(number, partition, input);
                }
            });
        });
        commitAll(decided, input);
    }

    private void tickAndSnapshot(KafkaConsumer<String, byte[]> input) {
        Instant now = clock.instant();
        RoutingLoad load = new RoutingLoad(now);
        Map<Integer, OwnedPartition.Transaction> ticked = new TreeMap<>();
        for (Map.Entry<Integer, OwnedPartition> entry : owned.entrySet()) {
            OwnedPartition partition = entry.getValue();
            if (partition.live() && partition.caughtUp(input)) {
                OwnedPartition.Transaction transaction = partition.tick(now);
                if (transaction != null) {
                    ticked.put(entry.getKey(), transaction);
                }
            }
        }
        commitAll(ticked, input);
        for (OwnedPartition partition : owned.values()) {
            if (partition.live()) {
                partition.router().measure(load);
                // one write at a time; a partition whose turn is skipped is snapshotted at a later tick
                if (lastSnapshotWrite == null || lastSnapshotWrite.isDone()) {
                    PartitionRouter.Snapshot snapshot = partition.snapshotIfDue(now, settings.snapshotInterval());
                    if (snapshot != null) {
                        lastSnapshotWrite = snapshotWriter.submit(() -> snapshots.save(snapshot));
                    }
                }
            }
        }
        metrics.load(load);
    }

    /**
     * Commits the decided transactions, one per partition number, concurrently when there are several, and waits
     * for all of them. A failure is handled per partition number, as {@link #guarded} says.
     */
    private void commitAll(Map<Integer, OwnedPartition.Transaction> decided, KafkaConsumer<String, byte[]> input) {
        if (decided.isEmpty()) {
            return;
        }
        ConsumerGroupMetadata group = input.groupMetadata();
        Map<Integer, Future<Long>> commits = new TreeMap<>();
        decided.forEach((number, transaction) -> {
            OwnedPartition partition = owned.get(number);
            commits.put(number, committers.submit(() -> partition.commit(transaction, group)));
        });
        commits.forEach((number, commit) -> {
            OwnedPartition partition = owned.get(number);
            guarded(number, input, () -> partition.committed(join(commit)));
        });
    }

    /** The commit's journal offset, or the commit's own exception, for {@link #guarded}. */
    private static long join(Future<Long> commit) {
        try {
            return commit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while a routing transaction committed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new KafkaException("routing transaction failed", e.getCause());
        }
    }

    /**
     * A failed transaction leaves the state ahead of the committed offsets: the partition number is restored again
     * from its snapshot and the committed offsets. A fenced producer means another instance owns it now; it is
     * dropped until the coming rebalance says otherwise.
     */
    private void guarded(int number, KafkaConsumer<String, byte[]> input, Runnable work) {
        try {
            work.run();
        } catch (WakeupException e) {
            throw e;
        } catch (ProducerFencedException e) {
            log.warn("Partition {} is routed by another instance now; dropping it", number);
            drop(number, input);
        } catch (KafkaException e) {
            log.warn("Routing transaction of partition {} failed; restoring it from its snapshot", number, e);
            List<TopicPartition> partitions = inputsOf(number);
            drop(number, input);
            restore(number, partitions, input);
        }
    }

    private void drop(int number, KafkaConsumer<String, byte[]> input) {
        OwnedPartition partition = owned.remove(number);
        if (partition != null) {
            partition.close();
        }
        input.pause(inputsOf(number));
    }

    private void goLive(int number, OwnedPartition partition, KafkaConsumer<String, byte[]> input) {
        input.resume(inputsOf(number));
        partition.reconcile(clock.instant(), input);
        log.info("Partition {} caught up; routing live", number);
    }

    private void restore(int number, Collection<TopicPartition> partitions, KafkaConsumer<String, byte[]> input) {
        long started = System.nanoTime();
        var producer = kafka.producer(number);
        PartitionRouter router = snapshots.load(number)
                .map(PartitionRouter::restore)
                .orElseGet(() -> new PartitionRouter(number));
        Map<String, Long> snapshotAt = new TreeMap<>(router.positions());
        Map<TopicPartition, OffsetAndMetadata> committed = input.committed(Set.copyOf(partitions));
        Map<TopicPartition, Long> beginnings = input.beginningOffsets(partitions);
        Map<TopicPartition, Long> ends = input.endOffsets(partitions);
        boolean anyCommitted = committed.values().stream().anyMatch(offset -> offset != null);
        Map<String, Long> replayUntil = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long position = router.position(partition.topic());
            long start = position == null ? beginnings.get(partition) : Math.max(position, beginnings.get(partition));
            router.advance(partition.topic(), start - 1);
            input.seek(partition, start);
            OffsetAndMetadata done = committed.get(partition);
            // no commit at all: a new deployment on an existing log, whose decisions were published already
            long until = done != null ? done.offset() : anyCommitted ? start : ends.get(partition);
            replayUntil.put(partition.topic(), Math.max(until, start));
        }
        TickLog.Read journal = TickLog.read(kafka.consumerConfig(), settings.group(), number,
                router.position(TickLog.TOPIC));
        int journalSteps = journal.steps().size();
        OwnedPartition partition = new OwnedPartition(router, producer, settings.group(), replayUntil, journal, codec,
                metrics, clock);
        owned.put(number, partition);
        input.resume(partitions);
        input.pause(partitions.stream().filter(topic -> !partition.replaying(topic.topic())).toList());
        if (partition.live()) {
            goLive(number, partition, input);
        }
        log.info("Partition {} restored in {} ms from a snapshot at {}; replaying {} journal steps up to {}", number,
                (System.nanoTime() - started) / 1_000_000, snapshotAt, journalSteps, replayUntil);
    }

    private void snapshotAll() {
        waitForSnapshotWrite();
        for (OwnedPartition partition : owned.values()) {
            if (partition.live()) {
                PartitionRouter.Snapshot snapshot = partition.snapshotNow();
                if (snapshot != null) {
                    try {
                        snapshots.save(snapshot);
                    } catch (RuntimeException e) {
                        // the next owner then starts from the previous snapshot and replays a longer tail
                        log.warn("Snapshot of partition {} not saved", partition.router().partition(), e);
                    }
                }
            }
        }
    }

    private void waitForSnapshotWrite() {
        if (lastSnapshotWrite != null) {
            try {
                lastSnapshotWrite.get();
            } catch (Exception e) {
                log.warn("A routing snapshot write failed; the next owner replays a longer tail", e);
            }
        }
    }

    private static List<TopicPartition> inputsOf(int number) {
        return Topics.ROUTER_INPUTS.stream().map(topic -> new TopicPartition(topic, number)).toList();
    }

    /** Eager assignment: everything is revoked, then the new set is assigned. */
    private final class Assignment implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            snapshotAll();
            owned.values().forEach(OwnedPartition::close);
            owned.clear();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<Integer, List<TopicPartition>> byNumber = new TreeMap<>();
            for (TopicPartition partition : partitions) {
                byNumber.computeIfAbsent(partition.partition(), n -> new ArrayList<>()).add(partition);
            }
            byNumber.forEach((number, inputs) -> restore(number, inputs, consumer));
        }
    }
}
