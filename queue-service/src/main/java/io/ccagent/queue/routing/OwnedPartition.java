package io.ccagent.queue.routing;

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
import java.util.stream.Collectors;

/**
 * One partition number this instance owns: its routing state, its transactional producer, and where the replay of
 * its tail ends. Every change of state that publishes goes through {@link #commit}: the poll's outputs and its input
 * offsets in one Kafka transaction. Used from the routing thread only.
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
    private final EnvelopeCodec codec;
    private final RoutingMetrics metrics;
    private final Clock clock;
    /** Per input topic, the committed offset: records below it were routed by a previous owner. */
    private final Map<String, Long> replayUntil;
    private final Set<String> replaying = new HashSet<>();
    /** Ticks the previous owner published after the snapshot, applied where they happened in the replay. */
    private final Deque<TickLog.Tick> pendingTicks;
    private Instant snapshotAt = Instant.MIN;
    private boolean changedSinceSnapshot = true;

    OwnedPartition(PartitionRouter router, KafkaProducer<String, byte[]> producer, Map<String, Long> replayUntil,
                   TickLog.Read ticks, EnvelopeCodec codec, RoutingMetrics metrics, Clock clock) {
        this.router = router;
        this.producer = producer;
        this.replayUntil = replayUntil;
        this.pendingTicks = ticks.ticks();
        router.advance(TickLog.TOPIC, ticks.next() - 1);
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
     * Replays records of the tail silently (their decisions were published by the previous owner), with the
     * previous owner's ticks in the places they happened. A topic that reaches its end of history is paused where live routing
     * starts, so nothing is held in memory while the other topics of the partition catch up.
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
            applyTicksSeen();
            Envelope envelope = decodeQuietly(record);
            if (envelope != null) {
                metrics.decisions().record(() -> router.apply(envelope.data(), envelope.time()));
            }
            router.advance(topic, record.offset());
            if (record.offset() + 1 >= replayUntil.get(topic)) {
                consumer.pause(List.of(partition));
                reachedEnd.add(topic);
            }
        }
        replaying.removeAll(reachedEnd);
        applyTicksSeen();
    }

    /** Applies the logged ticks whose input positions the replayed state has reached. */
    private void applyTicksSeen() {
        while (!pendingTicks.isEmpty() && reached(pendingTicks.peekFirst().positions())) {
            router.tick(pendingTicks.pollFirst().at());
        }
    }

    private boolean reached(Map<String, Long> positions) {
        for (Map.Entry<String, Long> position : positions.entrySet()) {
            Long now = router.position(position.getKey());
            if (now == null || now < position.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Routes live records: decisions, dead letters and the input offsets in one transaction. */
    void route(List<ConsumerRecord<String, byte[]>> records, Consumer<String, byte[]> consumer) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<UUID, Instant> arrivals = new HashMap<>();
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
                List<Event> decided;
                try {
                    decided = metrics.decisions().record(() -> router.apply(input.data(), input.time()));
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
        }
        commit(out, offsets, consumer);
        Instant committed = clock.instant();
        arrivals.values().forEach(arrived -> metrics.offered(Duration.between(arrived, committed)));
    }

    /**
     * Time passed: ring timeouts, queue timeouts, wrap-up ends; published like any decision, with an entry in the
     * tick log when it published something.
     */
    void tick(Instant now, Consumer<String, byte[]> consumer) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        encode(metrics.decisions().record(() -> router.tick(now)), null, out);
        if (out.isEmpty()) {
            return;
        }
        Map<String, Long> positions = new HashMap<>();
        for (String topic : replayUntil.keySet()) {
            Long position = router.position(topic);
            positions.put(topic, position == null ? 0 : position);
        }
        out.add(TickLog.record(router.partition(), new TickLog.Tick(now, positions)));
        Future<RecordMetadata> logged = commit(out, Map.of(), consumer);
        try {
            router.advance(TickLog.TOPIC, logged.get().offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new KafkaException("tick log write failed after its commit", e.getCause());
        }
    }

    /**
     * After the tail was replayed: whatever the restored state says is due now (usually nothing), committed with the
     * positions of every input topic, so each of them has a committed offset for the next owner to start from.
     */
    void reconcile(Instant now, Consumer<String, byte[]> consumer) {
        applyTicksSeen();
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        encode(router.reconcile(now), null, out);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (String topic : replayUntil.keySet()) {
            offsets.put(new TopicPartition(topic, router.partition()), new OffsetAndMetadata(router.position(topic)));
        }
        commit(out, offsets, consumer);
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

    /** One transaction; returns the send of the last record (null when nothing was sent). */
    private Future<RecordMetadata> commit(List<ProducerRecord<String, byte[]>> out,
                                          Map<TopicPartition, OffsetAndMetadata> offsets,
                                          Consumer<String, byte[]> consumer) {
        if (out.isEmpty() && offsets.isEmpty()) {
            return null;
        }
        producer.beginTransaction();
        Future<RecordMetadata> last = null;
        for (ProducerRecord<String, byte[]> record : out) {
            last = producer.send(record);
        }
        if (!offsets.isEmpty()) {
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        }
        producer.commitTransaction();
        changedSinceSnapshot = true;
        return last;
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
