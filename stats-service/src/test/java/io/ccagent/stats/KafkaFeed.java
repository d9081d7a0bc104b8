package io.ccagent.stats;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.testkit.Infrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import io.ccagent.contracts.wire.TypeHeader;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Publishes many envelopes fast (batched, idempotent producer) and waits until a consumer group has read them. */
final class KafkaFeed implements AutoCloseable {

    static final List<String> TOPICS = List.of(Topics.CALL_EVENTS, Topics.AGENT_EVENTS, Topics.QUEUE_EVENTS,
            Topics.QUEUE_FACTS);

    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    KafkaFeed(Infrastructure infrastructure) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()));
    }

    /** Sends the envelopes as every producer does (keyed by tenant, type in the ce_type header) and flushes. */
    void publish(List<Envelope> envelopes) {
        envelopes.forEach(this::send);
        producer.flush();
    }

    /** Queues records without waiting; {@link #publish} (or an empty publish) flushes them. */
    void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    void send(Envelope envelope) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.of(envelope.data()), envelope.key(),
                codec.encode(envelope));
        record.headers().add(TypeHeader.NAME, TypeHeader.valueOf(envelope));
        producer.send(record);
    }

    /** Waits until {@code group} has committed the end offset of every partition of the three event topics. */
    void awaitConsumed(String group, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (lag(group) == 0) {
                return;
            }
            sleep();
        }
        throw new AssertionError("group " + group + " still lags by " + lag(group) + " records after " + timeout);
    }

    private long lag(String group) {
        try {
            List<TopicPartition> partitions = admin.describeTopics(TOPICS).allTopicNames().get().values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                    .toList();
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(Function.identity(), ignored -> OffsetSpec.latest())))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return ends.entrySet().stream().mapToLong(end -> {
                OffsetAndMetadata done = committed.get(end.getKey());
                return end.getValue() - (done == null ? 0 : done.offset());
            }).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
