package io.ccagent.queue.routing;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The router's journal: every routing transaction writes, with its outputs and input offsets, one entry saying in
 * which order that transaction changed the state: runs of input records (topic, up to which offset), ticks and
 * reconciles (with their instants). Kafka keeps no order across the input topics and ticks are in no input topic,
 * so a takeover replays the tail after a snapshot by this journal and rebuilds exactly the state the previous owner
 * had. Private to the router; partition n belongs to partition number n of the inputs. Entries name the router's
 * consumer group, so deployments (or test runs) sharing the topic never replay each other's journals.
 */
final class TickLog {

    static final String TOPIC = "queue.router-ticks";

    enum Kind { INPUT, TICK, RECONCILE }

    /**
     * One change of state: INPUT applies the topic's records up to and including {@code through}, routed at
     * {@code at}; TICK and RECONCILE run the core's tick or reconcile at {@code at}.
     */
    record Step(Kind kind, String topic, long through, Instant at) {

        static Step input(String topic, long through, Instant routedAt) {
            return new Step(Kind.INPUT, topic, through, routedAt);
        }

        static Step tick(Instant at) {
            return new Step(Kind.TICK, null, 0, at);
        }

        static Step reconcile(Instant at) {
            return new Step(Kind.RECONCILE, null, 0, at);
        }
    }

    /** One transaction's steps, in the order they were applied. */
    record Entry(String group, List<Step> steps) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TickLog() {
    }

    static ProducerRecord<String, byte[]> record(int partition, Entry entry) {
        return new ProducerRecord<>(TOPIC, partition, null, JSON.writeValueAsBytes(entry));
    }

    /**
     * The steps the group committed in the partition from {@code from} (null = the beginning) to the end, committed
     * transactions only, and the offset after the last entry read ({@code next}).
     */
    static Read read(Map<String, Object> consumerConfig, String group, int partition, Long from) {
        TopicPartition journal = new TopicPartition(TOPIC, partition);
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deque<Step> read = new ArrayDeque<>();
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        try {
            consumer.assign(List.of(journal));
            if (from == null) {
                consumer.seekToBeginning(List.of(journal));
            } else {
                consumer.seek(journal, from);
            }
            long end = consumer.endOffsets(List.of(journal)).get(journal);
            while (consumer.position(journal) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Entry entry = entry(record.value());
                    if (entry != null && group.equals(entry.group())) {
                        read.addAll(entry.steps());
                    }
                }
            }
            return new Read(read, consumer.position(journal));
        } finally {
            // no group to leave: a polite close waits for the broker to end the fetch session (fetch.max.wait.ms,
            // 500 ms), which a takeover would wait for too
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    /** An entry, or null for a record of another format (an older router's tick), which no replay needs. */
    private static Entry entry(byte[] value) {
        try {
            return JSON.readValue(value, Entry.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Steps read from the journal, oldest first, and the offset to go on from. */
    record Read(Deque<Step> steps, long next) {
    }
}
