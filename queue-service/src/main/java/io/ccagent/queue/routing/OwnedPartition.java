package io.ccagent.queue.routing;

import io.ccagent.badinput.kafka.DeadLetters;
import io.ccagent.contracts.Event;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import io.ccagent.contracts.wire.TypeHeader;
import io.ccagent.contracts.queue.RouterFact;
import io.ccagent.contracts.routing.RoutingCommand;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One partition number this instance owns: its routing state, its transactional producer, and where the replay of
 * its tail ends. Every change of state that publishes goes through {@link #commit}: the poll's outputs and its input
 * offsets in one Kafka transaction. Used from the routing thread only, except {@link #commit}.
 */
final class OwnedPartition {

    /** Every type the core acts on: all of its input topics' types; anything else is skipped by its header. */
    private static final Set<String> ROUTED = EventTypes.all().stream()
            .filter(registration -> !RouterFact.class.isAssignableFrom(registration.type())
                    && !RoutingCommand.class.isAssignableFrom(registration.type()))
            .map(EventTypes.Registration::name)
            .collect(Collectors.toUnmodifiableSet());

    private final PartitionRouter router;
    private final KafkaProducer<String, byte[]> producer;
    private final String group;
    private final EnvelopeCodec codec;
    private final RoutingMetrics metrics;
    private final Clock clock;
    /** Per input topic, the committed offset: records below it were routed by a previous owner. */
    private final Map<String, Long> replayUntil;
    private final Set<String> replaying = new HashSet<>();
    /** What the previous owners committed after the snapshot, in the order they applied it. */
    private final Deque<TickLog.Step> journal;
    /** Tail records read but not yet reached by the journal. */
    private final Map<String, Deque<ConsumerRecord<String, byte[]>>> tail = new HashMap<>();
    /** The inputs' end offsets when the partition went live: it ticks only once it has routed up to them. */
    private Map<TopicPartition, Long> backlog = Map.of();
    private Instant snapshotAt = Instant.MIN;
    private boolean changedSinceSnapshot = true;

    OwnedPartition(PartitionRouter router, KafkaProducer<String, byte[]> producer, String group,
                   Map<String, Long> replayUntil, TickLog.Read journal, EnvelopeCodec codec, RoutingMetrics metrics,
                   Clock clock) {
        this.router = router;
        this.producer = producer;
        this.group = group;
        this.replayUntil = replayUntil;
        this.journal = journal.steps();
        router.advance(TickLog.TOPIC, journal.next() - 1);
        this.codec = codec;
        this.metrics = metrics;
        this.clock = clock;
        replayUntil.forEach((topic, until) -> {
            Long position = router.position(topic);
            if (position == null || position < until) {
                replaying.add(topic);
            }
        });
    }

    PartitionRouter router() {
        return router;
    }

    boolean live() {
        return replaying.isEmpty();
    }

    /** Whether the topic still has history to replay; the others wait, paused, until the partition is live. */
    boolean replaying(String topic) {
        return replaying.contains(topic);
    }

    /**
     * Replays records of the tail silently (their decisions were published by the previous owner) in the order the
     * journal says they were applied, with the previous owner's ticks and reconciles in their places. A topic that
     * reaches its end of history is paused where live routing starts; records wait in memory only until the journal
     * reaches them.
     */
    void replay(List<ConsumerRecord<String, byte[]>> records, Consumer<String, byte[]> consumer) {
        Set<String> reachedEnd = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String topic = record.topic();
            if (reachedEnd.contains(topic)) {
                continue;
            }
            TopicPartition partition = new TopicPartition(topic, record.partition());
            if (!replaying.contains(topic) || record.offset() >= replayUntil.get(topic)) {
                consumer.seek(partition, record.offset());
                consumer.pause(List.of(partition));
                reachedEnd.add(topic);
                continue;
            }
            tail.computeIfAbsent(topic, t -> new ArrayDeque<>()).add(record);
            if (record.offset() + 1 >= replayUntil.get(topic)) {
                // the poll may have returned live records after it: they are read again once the partition is live
                consumer.seek(partition, record.offset() + 1);
                consumer.pause(List.of(partition));
                reachedEnd.add(topic);
            }
        }
        replaying.removeAll(reachedEnd);
        followJournal();
        if (journal.isEmpty() || live()) {
            finishReplay();
        }
    }

    /** Applies the journal's steps as far as the records read so far reach. */
    private void followJournal() {
        while (!journal.isEmpty()) {
            TickLog.Step step = journal.peekFirst();
            switch (step.kind()) {
                case TICK -> router.tick(step.at());
                case RECONCILE -> router.reconcile(step.at());
                case INPUT -> {
                    Long position = router.position(step.topic());
                    if (position != null && position > step.through()) {
                        break; // already in the snapshot
                    }
                    Deque<ConsumerRecord<String, byte[]>> read = tail.get(step.topic());
                    if (read == null || read.isEmpty() || read.peekLast().offset() < step.through()) {
                        if (replaying.contains(step.topic())) {
                            return; // wait for more of the topic
                        }
                        throw new IllegalStateException("journal of partition " + router.partition() + " names "
                                + step.topic() + " up to " + step.through() + " beyond the committed offset");
                    }
                    while (!read.isEmpty() && read.peekFirst().offset() <= step.through()) {
                        replayRecord(read.pollFirst(), step.at());
                    }
                }
            }
            journal.pollFirst();
        }
    }

    /**
     * Once the journal is done: records below the committed offsets that no entry covers (a log adopted by a new
     * deployment, or routed by a router that wrote no journal), in the order read.
     */
    private void finishReplay() {
        followJournal();
        tail.values().forEach(records -> records.forEach(record -> replayRecord(record, null)));
        tail.clear();
    }

    private void replayRecord(ConsumerRecord<String, byte[]> record, Instant routedAt) {
        Envelope envelope = decodeQuietly(record);
        if (envelope != null) {
            try {
                metrics.decisions().record(() -> router.apply(envelope.data(), decisionTime(envelope, routedAt)));
            } catch (RuntimeException e) {
                // the live run dead-lettered it after the same partial change
            }
        }
        router.advance(record.topic(), record.offset());
    }

    /**
     * The instant the core decides an input at: its own time, or when it was routed if that is later (a backlog after
     * a takeover), so an offer made from the backlog rings for its full agent ring timeout. Journaled with the
     * input, so the replay decides at the same instants.
     */
    private static Instant decisionTime(Envelope envelope, Instant routedAt) {
        return routedAt != null && routedAt.isAfter(envelope.time()) ? routedAt : envelope.time();
    }

    /**
     * A routing transaction decided but not yet committed: the outputs (decisions and dead letters), the journal
     * entry's steps, the input offsets, and the arrival times of the callers it offers (for the latency meter).
     */
    record Transaction(List<ProducerRecord<String, byte[]>> out, List<TickLog.Step> steps,
                       Map<TopicPartition, OffsetAndMetadata> offsets, List<Instant> arrivals) {
    }

    /**
     * Decides live records on the routing thread; the state moves on at once, the outputs wait in the returned
     * transaction for {@link #commit} (a failed commit restores the partition from its snapshot).
     */
    Transaction decide(List<ConsumerRecord<String, byte[]>> records) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<UUID, Instant> arrivals = new HashMap<>();
        List<TickLog.Step> steps = new ArrayList<>();
        Instant routedAt = clock.instant();
        for (ConsumerRecord<String, byte[]> record : records) {
            Envelope envelope = null;
            if (handled(record)) {
                try {
                    envelope = codec.decodeRecord(record.key(), record.value());
                } catch (MalformedEnvelopeException e) {
                    out.add(DeadLetters.of(record, e));
                    metrics.deadLettered(record.topic());
                }
            }
            if (envelope != null) {
                Envelope input = envelope;
                metrics.inputLag(Duration.between(input.time(), routedAt));
                List<Event> decided;
                try {
                    decided = metrics.decisions().record(() -> router.apply(input.data(), decisionTime(input, routedAt)));
                } catch (RuntimeException e) {
                    // an input the core rejects (a bug or an impossible fact) must not stop the tenant's routing
                    out.add(DeadLetters.of(record, e));
                    metrics.deadLettered(record.topic());
                    decided = List.of();
                }
                encode(decided, input.id(), out);
                if (input.data() instanceof CallArrived arrived
                        && decided.stream().anyMatch(e -> e instanceof OfferCall offer && offer.call().equals(arrived.call()))) {
                    arrivals.put(input.id(), input.time());
                }
            }
            router.advance(record.topic(), record.offset());
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            TickLog.Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            if (last != null && last.topic().equals(record.topic())) {
                steps.set(steps.size() - 1, TickLog.Step.input(record.topic(), record.offset(), routedAt));
            } else {
                steps.add(TickLog.Step.input(record.topic(), record.offset(), routedAt));
            }
        }
        return new Transaction(out, steps, offsets, List.copyOf(arrivals.values()));
    }

    /**
     * Time passed: ring timeouts, queue timeouts, wrap-up ends; published like any decision, with its journal entry,
     * when it published something. A tick that publishes nothing changes nothing a later tick would not change alike
     * (a wrap-up end of an agent unavailable anyway), so it needs no transaction: null then.
     */
    Transaction tick(Instant now) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        encode(metrics.decisions().record(() -> router.tick(now)), null, out);
        return out.isEmpty() ? null : new Transaction(out, List.of(TickLog.Step.tick(now)), Map.of(), List.of());
    }

    /**
     * After the tail was replayed: whatever the restored state says is due now (usually nothing), to be committed
     * with the positions of every input topic, so each of them has a committed offset for the next owner to start
     * from.
     */
    Transaction reconcile(Instant now, Consumer<String, byte[]> consumer) {
        finishReplay();
        backlog = consumer.endOffsets(inputs());
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        encode(router.reconcile(now), null, out);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition input : inputs()) {
            offsets.put(input, new OffsetAndMetadata(router.position(input.topic())));
        }
        return new Transaction(out, List.of(TickLog.Step.reconcile(now)), offsets, List.of());
    }

    /**
     * Kept through a rebalance that gave the partition number back to this instance: nobody else routed it
     * meanwhile, so the state goes on where it was, from the offsets it reflects (which are the committed ones:
     * every routed poll committed before the rebalance began).
     */
    void resume(Consumer<String, byte[]> consumer) {
        List<TopicPartition> inputs = inputs();
        inputs.forEach(input -> consumer.seek(input, router.position(input.topic())));
        consumer.resume(inputs);
    }

    /** This partition number's partition of each input topic. */
    private List<TopicPartition> inputs() {
        return replayUntil.keySet().stream().map(topic -> new TopicPartition(topic, router.partition())).toList();
    }

    /**
     * Whether the records that piled up while nobody routed the partition have been routed: until then a tick
     * could time out an offer whose answer is still in that backlog.
     */
    boolean caughtUp(Consumer<String, byte[]> consumer) {
        if (!backlog.isEmpty()
                && backlog.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
            backlog = Map.of();
        }
        return backlog.isEmpty();
    }

    /** A snapshot when one is due and the state changed since the last one; null otherwise. */
    PartitionRouter.Snapshot snapshotIfDue(Instant now, Duration interval) {
        PartitionRouter.Snapshot snapshot = null;
        if (live() && !now.isBefore(snapshotAt.plus(interval))) {
            snapshot = snapshotNow();
            snapshotAt = now;
        }
        return snapshot;
    }

    /** The state now, unless nothing was committed since the last snapshot. */
    PartitionRouter.Snapshot snapshotNow() {
        if (!changedSinceSnapshot) {
            return null;
        }
        changedSinceSnapshot = false;
        return router.snapshot();
    }

    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /**
     * The transaction on Kafka: the outputs, the journal entry of the steps that produced them and the input offsets.
     * Touches no routing state, so the transactions of several partition numbers may commit at once on other threads
     * (each has its own producer); returns the journal entry's offset for {@link #committed}.
     */
    long commit(Transaction transaction, ConsumerGroupMetadata groupMetadata) {
        long started = System.nanoTime();
        producer.beginTransaction();
        for (ProducerRecord<String, byte[]> record : transaction.out()) {
            producer.send(record);
        }
        Future<RecordMetadata> logged = producer.send(TickLog.record(router.partition(),
                new TickLog.Entry(group, transaction.steps())));
        long sent = System.nanoTime();
        metrics.transactionSend().record(sent - started, TimeUnit.NANOSECONDS);
        if (!transaction.offsets().isEmpty()) {
            producer.sendOffsetsToTransaction(transaction.offsets(), groupMetadata);
        }
        long offsetsSent = System.nanoTime();
        metrics.transactionOffsets().record(offsetsSent - sent, TimeUnit.NANOSECONDS);
        producer.commitTransaction();
        metrics.transactionCommit().record(System.nanoTime() - offsetsSent, TimeUnit.NANOSECONDS);
        Instant committed = clock.instant();
        transaction.arrivals().forEach(arrived -> metrics.offered(Duration.between(arrived, committed)));
        try {
            return logged.get().offset(); // done: the commit flushed it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted after a routing commit", e);
        } catch (ExecutionException e) {
            throw new KafkaException("journal write failed after its commit", e.getCause());
        }
    }

    /**
     * Back on the routing thread after the commit: the journal's own position is advanced, so a snapshot taken now
     * says where its replay starts.
     */
    void committed(long journalOffset) {
        changedSinceSnapshot = true;
        router.advance(TickLog.TOPIC, journalOffset);
    }

    private void encode(List<Event> events, UUID causation, List<ProducerRecord<String, byte[]>> out) {
        for (Event event : events) {
            Envelope envelope = Envelope.of(UUID.randomUUID(), clock.instant(), causation, event);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.of(event), envelope.key(),
                    codec.encode(envelope));
            record.headers().add(TypeHeader.NAME, TypeHeader.valueOf(envelope));
            out.add(record);
            metrics.published(envelope.type(), 1);
        }
    }

    private static boolean handled(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(TypeHeader.NAME);
        return TypeHeader.handled(type == null ? null : type.value(), ROUTED);
    }

    /** In the replay a record that cannot be read was already dead-lettered by the owner that routed it. */
    private Envelope decodeQuietly(ConsumerRecord<String, byte[]> record) {
        if (!handled(record)) {
            return null;
        }
        try {
            return codec.decodeRecord(record.key(), record.value());
        } catch (MalformedEnvelopeException e) {
            return null;
        }
    }
}
