package io.ccagent.harness.traffic;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads {@code routing.commands} as the PBX would: every offer the router makes, per call, in arrival order.
 * It reads without a consumer group (assign + seek to end) so it never disturbs the system's own groups.
 */
final class RoutingWatch implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final Map<String, BlockingQueue<OfferCall>> offersByCall = new ConcurrentHashMap<>();
    private final AtomicLong offers = new AtomicLong();
    private final java.util.List<java.time.Instant> offerTimes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean running = true;

    RoutingWatch(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ROUTING_COMMANDS, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(Topics.ROUTING_COMMANDS, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        reader = new Thread(this::read, "routing-watch");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        Envelope envelope = codec.decode(record.value());
                        envelope.dataAs(OfferCall.class).ifPresent(offer -> {
                            offers.incrementAndGet();
                            offerTimes.add(java.time.Instant.now());
                            queueFor(offer.call().value()).add(offer);
                        });
                    } catch (MalformedEnvelopeException ignored) {
                        // the Kafka probe's own garbage; the system's consumers are what is tested there
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closed
        } finally {
            consumer.close();
        }
    }

    /** The next offer for the call, or null if none came within the timeout. */
    OfferCall nextOffer(String call, Duration timeout) throws InterruptedException {
        return queueFor(call).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void forget(String call) {
        offersByCall.remove(call);
    }

    /** When the first offer at or after {@code instant} was read, if any yet. */
    java.util.Optional<java.time.Instant> firstOfferAfter(java.time.Instant instant) {
        return offerTimes.stream().filter(time -> !time.isBefore(instant)).findFirst();
    }

    long offersSeen() {
        return offers.get();
    }

    private BlockingQueue<OfferCall> queueFor(String call) {
        return offersByCall.computeIfAbsent(call, c -> new LinkedBlockingQueue<>());
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
