package io.ccagent.queue.routing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The router's own journal of time passing: each tick that published something writes, in the same transaction,
 * when it happened and which input offsets the state had reached. Ticks are not in the input topics, so without this
 * a takeover that replays a tail would fire a ring timeout or a wrap-up end a second time. Private to the router;
 * partition n belongs to partition number n of the inputs.
 */
final class TickLog {

    static final String TOPIC = "queue.router-ticks";

    /** One tick: its instant and the next offset of each input topic at that moment. */
    record Tick(Instant at, Map<String, Long> positions) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TickLog() {
    }

    static ProducerRecord<String, byte[]> record(int partition, Tick tick) {
        return new ProducerRecord<>(TOPIC, partition, null, JSON.writeValueAsBytes(tick));
    }

    /**
     * The ticks of the partition from {@code from} (null = the beginning) to the end, committed ones only, and the
     * offset after the last one read ({@code next}).
     */
    static Read read(Map<String, Object> consumerConfig, int partition, Long from) {
        TopicPartition ticks = new TopicPartition(TOPIC, partition);
        Map<String, Object> config = new java.util.HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deque<Tick> read = new ArrayDeque<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(ticks));
            if (from == null) {
                consumer.seekToBeginning(List.of(ticks));
            } else {
                consumer.seek(ticks, from);
            }
            long end = consumer.endOffsets(List.of(ticks)).get(ticks);
            while (consumer.position(ticks) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(JSON.readValue(record.value(), Tick.class));
                }
            }
            return new Read(read, consumer.position(ticks));
        }
    }

    /** Ticks read from the log, oldest first, and the offset to go on from. */
    record Read(Deque<Tick> ticks, long next) {
    }
}
