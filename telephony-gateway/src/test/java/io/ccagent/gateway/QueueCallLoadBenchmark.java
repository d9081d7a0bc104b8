package io.ccagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.routing.OfferTarget;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.gateway.devices.DeviceDirectory;
import io.ccagent.gateway.queues.QueueDirectory;
import io.ccagent.testkit.EventSender;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Load benchmark, not part of the suite (run it by name, see docs/benchmarks.md): sipp places queue calls at a
 * fixed rate; this class plays a minimal router (CallArrived -> OfferCall to the next phone, round robin); a second
 * sipp answers as every phone. Reports sipp's success/failure counts and the gateway's CPU per call.
 */
class QueueCallLoadBenchmark extends GatewayTestBase {

    private static final String TENANT = "load.example.com";
    private static final Tenant T = Tenant.of(TENANT);
    private static final QueueId QUEUE = QueueId.of("8001", T);
    private static final int PHONES = 20;
    private static final int PHONE_PORT = 15091;
    private static final int CALLER_PORT = 15092;

    @Autowired
    DeviceDirectory devices;

    @Autowired
    QueueDirectory queues;

    @Test
    void queueCallsAtAFixedRate() throws Exception {
        int rate = Integer.getInteger("bench.rate", 200);
        int seconds = Integer.getInteger("bench.seconds", 60);
        int calls = rate * seconds;
        List<OfferTarget> phones = new ArrayList<>();
        for (int i = 0; i < PHONES; i++) {
            String name = "load" + i;
            provisionDevice(TENANT, name, "5" + String.format("%03d", i), "load-password");
            devices.register(devices.credential(DeviceId.of(name, T)).orElseThrow(),
                    "sip:" + name + "@127.0.0.1:" + PHONE_PORT, 3600);
            phones.add(new OfferTarget(DeviceId.of(name, T), AgentId.of("5" + String.format("%03d", i), T)));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        try (EventSender sender = new EventSender(infra)) {
            sender.send(new QueueConfigured(QUEUE, "Load", QueueType.ROUND_ROBIN, 0, 20, 300,
                    UnansweredAction.STAY_IN_QUEUE, null, "UTC", "bench"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> queues.isQueue(QUEUE));
            Thread router = new Thread(() -> route(phones, running, answered, ended), "bench-router");
            router.start();

            Sipp agents = Sipp.scenario("agent-answers").localPort(PHONE_PORT)
                    .load(calls, rate, calls, Duration.ofSeconds(seconds + 60)).start();
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            Sipp callers = Sipp.scenario("caller-hangs-up").localPort(CALLER_PORT).target(GATEWAY)
                    .key("dial", "8001").key("tenant", TENANT)
                    .load(calls, rate, rate * 10, Duration.ofSeconds(seconds + 60)).start();
            int callerExit = callers.awaitExit(Duration.ofSeconds(seconds + 90));
            double elapsed = (System.nanoTime() - start) / 1e9;
            long cpu = processCpuNanos() - cpuBefore;
            int agentExit = agents.awaitExit(Duration.ofSeconds(30));
            long drainUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ended.get() < answered.get() && System.nanoTime() < drainUntil) {
                Thread.sleep(100);
            }
            running.set(false);
            router.join();

            System.out.printf("%nBENCH queue calls: %d offered at %d/s; wall %.1f s; caller sipp exit %d, phone sipp exit %d;"
                            + " CallAnswered %d, CallEnded %d; test JVM CPU (gateway + router + Kafka + Mongo) %.2f ms/call%n",
                    calls, rate, elapsed, callerExit, agentExit, answered.get(), ended.get(), cpu / 1e6 / calls);
            System.out.println("callers:\n" + tail(callers.report()));
            System.out.println("phones:\n" + tail(agents.report()));
            assertThat(callerExit).as("caller sipp: every call succeeded").isZero();
        }
    }

    private void route(List<OfferTarget> phones, AtomicBoolean running, AtomicInteger answered,
                       AtomicInteger ended) {
        EnvelopeCodec codec = new EnvelopeCodec();
        int next = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-router-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "1"), new StringSerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(Topics.CALL_EVENTS));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    Envelope envelope = codec.decode(record.value());
                    if (envelope.data() instanceof CallArrived arrived && QUEUE.equals(arrived.queue())) {
                        OfferTarget phone = phones.get(next++ % phones.size());
                        Envelope offer = Envelope.of(UUID.randomUUID(), Instant.now(), envelope.id(),
                                new OfferCall(T, arrived.call(), QUEUE, List.of(phone), 20, arrived.from(), null));
                        producer.send(new ProducerRecord<>(Topics.ROUTING_COMMANDS, offer.key(), codec.encode(offer)));
                    } else if (envelope.data() instanceof CallAnswered a && T.equals(a.tenant())) {
                        answered.incrementAndGet();
                    } else if (envelope.data() instanceof CallEnded e && T.equals(e.tenant())) {
                        ended.incrementAndGet();
                    }
                }
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String tail(String report) {
        int statistics = report.lastIndexOf("Statistics Screen");
        return statistics < 0 ? report : report.substring(statistics);
    }
}
