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
import org.apache.kafka.clients.producer.KafkaProducer;
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
import java.util.stream.Collectors;

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
    /** Loads the snapshots and journals of several partition numbers at once when they are assigned. */
    private final ExecutorService loaders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "router-restore");
        thread.setDaemon(true);
        return thread;
    });
    /** Commits the transactions of several partition numbers at once; the routing thread waits for them. */
    private final ExecutorService committers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "router-commit");
        thread.setDaemon(true);
        return thread;
    });
    private final Assignment assignment = new Assignment();
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
        loaders.submit(this::warmUpRestore);
        thread = new Thread(this::run, "router");
        thread.start();
    }

    /**
     * Runs a takeover's restore once on every stored snapshot, off the routing thread, and drops the result. A
     * takeover decodes and rebuilds a snapshot with code this instance may never have run (it routes other tenants,
     * or none yet): cold, the 5,000-agent tenant's took 1.5-2.1 s of a 6-9 s takeover (docs/benchmarks.md), while
     * the compiled decode takes about 0.06 s.
     */
    private void warmUpRestore() {
        long started = System.nanoTime();
        try {
            snapshots.forEach(snapshot -> PartitionRouter.restore(snapshot).reconcile(clock.instant()));
            log.info("Restore path warmed up on the stored snapshots in {} ms",
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("Could not warm up the restore path (a takeover is only slower): {}", e.toString());
        }
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
        loaders.shutdown();
        committers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> input = consumer) {
            input.subscribe(Topics.ROUTER_INPUTS, assignment);
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
            // closing the consumer revoked what was owned: those wait in the listener
            assignment.dropRevoked();
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
                    decided.put(number, goLive(number, partition, input));
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

    /** The work's result, or the work's own exception (a commit's, for {@link #guarded}). */
    private static <T> T join(Future<T> work) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while the router waited for its Kafka and MongoDB work", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new KafkaException("the router's Kafka or MongoDB work failed", e.getCause());
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
            restore(Map.of(number, partitions), input);
        }
    }

    private void drop(int number, KafkaConsumer<String, byte[]> input) {
        OwnedPartition partition = owned.remove(number);
        if (partition != null) {
            partition.close();
        }
        input.pause(inputsOf(number));
    }

    /** Resumes the partition number's inputs; its reconcile transaction is committed with the poll's others. */
    private OwnedPartition.Transaction goLive(int number, OwnedPartition partition,
                                              KafkaConsumer<String, byte[]> input) {
        input.resume(inputsOf(number));
        log.info("Partition {} caught up; routing live", number);
        return partition.reconcile(clock.instant(), input);
    }

    /**
     * What restoring a partition number needs besides the routing consumer, loaded off the routing thread, and how
     * long each part took (the takeover's log line says where a slow restore went).
     */
    private record Loaded(PartitionRouter router, KafkaProducer<String, byte[]> producer, TickLog.Read journal,
                          Map<String, Long> snapshotAt, long started, String phases) {
    }

    /** Its producer (fencing the previous owner), its snapshot and the journal after it. */
    private Loaded load(int number) {
        long started = System.nanoTime();
        KafkaProducer<String, byte[]> producer = kafka.producer(number);
        long fenced = System.nanoTime();
        PartitionRouter router = snapshots.load(number).map(PartitionRouter::restore)
                .orElseGet(() -> new PartitionRouter(number));
        long restored = System.nanoTime();
        TickLog.Read journal = TickLog.read(kafka.consumerConfig(), settings.group(), number,
                router.position(TickLog.TOPIC));
        long read = System.nanoTime();
        String phases = "producer %d ms, snapshot %d ms, journal %d ms".formatted((fenced - started) / 1_000_000,
                (restored - fenced) / 1_000_000, (read - restored) / 1_000_000);
        return new Loaded(router, producer, journal, new TreeMap<>(router.positions()), started, phases);
    }

    /**
     * Restores partition numbers from their snapshots: every number's producer, snapshot and journal load at once
     * (a takeover waits for the slowest, not for their sum); then the routing consumer reads the committed, first
     * and end offsets of all of them in one request each (after the new producers fenced the old owner, so its
     * unfinished transaction is settled), and each replays its tail from its snapshot.
     */
    private void restore(Map<Integer, List<TopicPartition>> byNumber, KafkaConsumer<String, byte[]> input) {
        if (byNumber.isEmpty()) {
            return;
        }
        Map<Integer, Future<Loaded>> loading = new TreeMap<>();
        byNumber.keySet().forEach(number -> loading.put(number, loaders.submit(() -> load(number))));
        Map<Integer, Loaded> loaded = new TreeMap<>();
        loading.forEach((number, load) -> loaded.put(number, join(load)));
        Set<TopicPartition> all = byNumber.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        Map<TopicPartition, OffsetAndMetadata> committed = input.committed(all);
        Map<TopicPartition, Long> beginnings = input.beginningOffsets(all);
        Map<TopicPartition, Long> ends = input.endOffsets(all);
        Map<Integer, OwnedPartition.Transaction> reconciled = new TreeMap<>();
        loaded.forEach((number, load) -> {
            OwnedPartition.Transaction live = install(number, byNumber.get(number), load, committed, beginnings,
                    ends, input);
            if (live != null) {
                reconciled.put(number, live);
            }
        });
        commitAll(reconciled, input);
    }

    /** The partition number routing from its restored state; its reconcile transaction if it is live at once. */
    private OwnedPartition.Transaction install(int number, List<TopicPartition> partitions, Loaded loaded,
                                               Map<TopicPartition, OffsetAndMetadata> committed,
                                               Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends,
                                               KafkaConsumer<String, byte[]> input) {
        PartitionRouter router = loaded.router();
        boolean anyCommitted = partitions.stream().anyMatch(partition -> committed.get(partition) != null);
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
        int journalSteps = loaded.journal().steps().size();
        OwnedPartition partition = new OwnedPartition(router, loaded.producer(), settings.group(), replayUntil,
                loaded.journal(), codec, metrics, clock);
        owned.put(number, partition);
        input.resume(partitions);
        input.pause(partitions.stream().filter(topic -> !partition.replaying(topic.topic())).toList());
        log.info("Partition {} restored in {} ms ({}) from a snapshot at {}; replaying {} journal steps up to {}",
                number, (System.nanoTime() - loaded.started()) / 1_000_000, loaded.phases(), loaded.snapshotAt(),
                journalSteps, replayUntil);
        return partition.live() ? goLive(number, partition, input) : null;
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

    /**
     * Eager assignment: everything is revoked, then the new set is assigned. A live partition number that comes back
     * in the very next generation was routed by nobody else meanwhile: it goes on from its state in memory, with its
     * producer, instead of being restored (after a crash elsewhere, the survivor restores only the dead instance's
     * partitions, not its own as well).
     */
    private final class Assignment implements ConsumerRebalanceListener {

        private final Map<Integer, OwnedPartition> revoked = new TreeMap<>();
        private int revokedGeneration = -1;

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            snapshotAll();
            dropRevoked();
            revokedGeneration = consumer.groupMetadata().generationId();
            revoked.putAll(owned);
            owned.clear();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            boolean nextGeneration = consumer.groupMetadata().generationId() == revokedGeneration + 1;
            Map<Integer, List<TopicPartition>> byNumber = new TreeMap<>();
            for (TopicPartition partition : partitions) {
                byNumber.computeIfAbsent(partition.partition(), n -> new ArrayList<>()).add(partition);
            }
            Map<Integer, List<TopicPartition>> toRestore = new TreeMap<>();
            List<Integer> kept = new ArrayList<>();
            byNumber.forEach((number, inputs) -> {
                OwnedPartition partition = revoked.remove(number);
                if (nextGeneration && partition != null && partition.live()) {
                    partition.resume(consumer);
                    owned.put(number, partition);
                    kept.add(number);
                } else {
                    if (partition != null) {
                        partition.close();
                    }
                    toRestore.put(number, inputs);
                }
            });
            dropRevoked();
            log.info("Assigned partition numbers {}: kept {}, restoring {}", byNumber.keySet(), kept,
                    toRestore.keySet());
            restore(toRestore, consumer);
        }

        /** Membership lost (this instance was presumed dead): another instance may route them already. */
        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            dropRevoked();
            owned.values().forEach(OwnedPartition::close);
            owned.clear();
        }

        private void dropRevoked() {
            revoked.values().forEach(OwnedPartition::close);
            revoked.clear();
        }
    }
}
