package io.ccagent.testkit;

import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads envelopes from a topic, from the moment it is opened (or from the start), so a test can wait for what a
 * service publishes. Records that do not decode are kept as raw failures rather than silently skipped.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final List<Envelope> seen = new ArrayList<>();
    private final List<String> undecodable = new ArrayList<>();

    private TopicProbe(Infrastructure infrastructure, String topic, String offsetReset) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        awaitAssignment();
    }

    /** Sees only records published after this call returns. */
    public static TopicProbe fromNow(Infrastructure infrastructure, String topic) {
        return new TopicProbe(infrastructure, topic, "latest");
    }

    /** Sees every record on the topic. */
    public static TopicProbe fromStart(Infrastructure infrastructure, String topic) {
        return new TopicProbe(infrastructure, topic, "earliest");
    }

    /** Waits until an envelope matching {@code condition} arrives, and returns it. */
    public Envelope await(Predicate<Envelope> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Envelope envelope : seen) {
                if (condition.test(envelope)) {
                    return envelope;
                }
            }
            poll(Duration.ofMillis(100));
        }
        throw new AssertionError("no matching record within " + timeout + "; saw " + seen.size()
                + " envelopes: " + seen.stream().map(Envelope::type).toList() + ", undecodable: " + undecodable);
    }

    /** Everything received so far (after polling for {@code quiet} more). */
    public List<Envelope> drain(Duration quiet) {
        poll(quiet);
        return List.copyOf(seen);
    }

    private void poll(Duration duration) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(duration)) {
            try {
                seen.add(codec.decode(record.value()));
            } catch (RuntimeException e) {
                undecodable.add(e.getMessage());
            }
        }
    }

    private void awaitAssignment() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (consumer.assignment().isEmpty() && Instant.now().isBefore(deadline)) {
            poll(Duration.ofMillis(100));
        }
        if (consumer.assignment().isEmpty()) {
            throw new IllegalStateException("probe got no partitions within 30 s");
        }
        // resolve the starting offsets now, so "from now" means records published after the constructor returns
        consumer.assignment().forEach(consumer::position);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
