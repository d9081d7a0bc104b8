package io.ccagent.queue.load;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.CallOrigin;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.queue.QueueServiceApplication;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.SharedInfrastructure;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load through Kafka: starts queue-service on the shared infrastructure, provisions one tenant of 5,000 agents and
 * 500 queues by publishing their events, then plays the telephony gateway at a fixed rate of new calls: each
 * caller arrives on {@code call.events}, the first phone of the router's {@code OfferCall} answers, and the call
 * ends after a hold time. It prints the time from publishing {@code call.Arrived} to receiving the
 * {@code OfferCall}. Not a test; see docs/benchmarks.md for the command.
 */
public final class RoutingLoadDriver {

    private static final Tenant TENANT = Tenant.of("load.example.com");
    private static final int AGENTS = 5_000;
    private static final int QUEUES = 500;
    private static final QueueType[] TYPES = {QueueType.ROUND_ROBIN, QueueType.TIERED_ROUND_ROBIN,
            QueueType.RING_ALL, QueueType.LINEAR_HUNT, QueueType.LINEAR_CASCADE, QueueType.FEWEST_CALLS,
            QueueType.RANDOM};

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final Map<CallId, Long> sentAt = new ConcurrentHashMap<>();
    private final List<Long> latenciesNanos = new ArrayList<>();
    private final ScheduledExecutorService gateway = Executors.newScheduledThreadPool(2);

    private RoutingLoadDriver(Infrastructure infrastructure) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "1"),
                new StringSerializer(), new ByteArraySerializer());
    }

    public static void main(String[] args) throws Exception {
        int rate = intArg(args, "--rate=", 200);
        int seconds = intArg(args, "--seconds=", 60);
        int holdSeconds = intArg(args, "--hold=", 5);
        Infrastructure infrastructure = SharedInfrastructure.get();
        // the port as an argument: builder properties are defaults that application.yml's port beats
        List<String> serviceArgs = new ArrayList<>(List.of("--PORT=" + intArg(args, "--port=", 0)));
        if (Arrays.asList(args).contains("--router-only")) {
            serviceArgs.add("--spring.cloud.function.definition=router");
        }
        ConfigurableApplicationContext service = new SpringApplicationBuilder(QueueServiceApplication.class)
                .properties(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers(),
                        "MONGODB_URI", infrastructure.mongoUri(),
                        "MONGODB_DATABASE", "queue-load-" + UUID.randomUUID(),
                        "logging.level.root", "WARN"))
                .run(serviceArgs.toArray(String[]::new));
        RoutingLoadDriver driver = new RoutingLoadDriver(infrastructure);
        try {
            driver.run(infrastructure, rate, seconds, holdSeconds);
        } finally {
            driver.gateway.shutdownNow();
            driver.producer.close();
            service.close();
        }
        System.exit(0);
    }

    private void run(Infrastructure infrastructure, int rate, int seconds, int holdSeconds) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread listener = new Thread(() -> listen(infrastructure, running, holdSeconds), "offer-listener");
        listener.start();
        long seedStart = System.nanoTime();
        provision();
        System.out.printf("provisioned %d agents in %d queues in %d ms (published)%n", AGENTS, QUEUES,
                (System.nanoTime() - seedStart) / 1_000_000);
        awaitAvailable(infrastructure, AgentId.of("a" + (AGENTS - 1), TENANT));
        System.out.printf("router caught up after %d ms%n", (System.nanoTime() - seedStart) / 1_000_000);
        Thread.sleep(10_000);
        waitForFirstOffer();
        synchronized (latenciesNanos) {
            latenciesNanos.clear();
        }
        sentAt.clear();

        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            arrive(CallId.of("load-" + i), QueueId.of("q" + (i % QUEUES), TENANT));
        }
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        Thread.sleep(3_000);
        running.set(false);
        listener.join();
        report(total, achieved);
    }

    private void provision() {
        Instant now = Instant.now();
        for (int q = 0; q < QUEUES; q++) {
            send(new QueueConfigured(QueueId.of("q" + q, TENANT), "Q" + q, TYPES[q % TYPES.length], 5, 20, 600,
                    UnansweredAction.STAY_IN_QUEUE, null, "UTC", "load"));
        }
        for (int a = 0; a < AGENTS; a++) {
            AgentId agent = AgentId.of("a" + a, TENANT);
            DeviceId device = DeviceId.of("d" + a, TENANT);
            int[] queues = {a % QUEUES, (a * 7 + 13) % QUEUES, (a * 31 + 101) % QUEUES};
            for (int i = 0; i < queues.length; i++) {
                QueueId queue = QueueId.of("q" + queues[i], TENANT);
                send(new QueueMemberAdded(queue, device, agent, i + 1, a, 1 + a % 3, "load"));
                send(new QueueLoginChanged(agent, queue, true, ChangeSource.PORTAL, "load"));
            }
            send(new DeviceRegistered(TENANT, device, agent, "sip:d" + a, now.plusSeconds(86_400)));
            send(new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.ONLINE, ChangeSource.PORTAL, "load"));
        }
        producer.flush();
    }

    /** The last provisioning event is this agent going Online: once it is green, the router has read everything. */
    private void awaitAvailable(Infrastructure infrastructure, AgentId last) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "load-ready-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.QUEUE_EVENTS));
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (codec.decode(record.value()).data() instanceof AgentAvailabilityChanged change
                            && change.agent().equals(last) && change.available()) {
                        return;
                    }
                }
            }
        }
    }

    private void waitForFirstOffer() throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            CallId probe = CallId.of("warm-up-" + attempt);
            arrive(probe, QueueId.of("q0", TENANT));
            Thread.sleep(1_000);
            synchronized (latenciesNanos) {
                if (!latenciesNanos.isEmpty()) {
                    return;
                }
            }
        }
    }

    private void arrive(CallId call, QueueId queue) {
        sentAt.put(call, System.nanoTime());
        send(new CallArrived(TENANT, call, "+15550000", "Load", queue.extension(), queue, null, CallOrigin.EXTERNAL));
    }

    /** The gateway side: receives offers, answers each on its first phone, hangs up after the hold time. */
    private void listen(Infrastructure infrastructure, AtomicBoolean running, int holdSeconds) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "load-gateway-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ROUTING_COMMANDS));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long received = System.nanoTime();
                    Envelope envelope = codec.decode(record.value());
                    if (!(envelope.data() instanceof OfferCall offer) || !offer.tenant().equals(TENANT)) {
                        continue;
                    }
                    Long sent = sentAt.remove(offer.call());
                    if (sent != null) {
                        synchronized (latenciesNanos) {
                            latenciesNanos.add(received - sent);
                        }
                    }
                    var target = offer.targets().get(0);
                    send(new CallAnswered(TENANT, offer.call(), target.device(), target.agent(), offer.queue()));
                    gateway.schedule(() -> send(new CallEnded(TENANT, offer.call(), EndCause.AGENT_HANGUP)),
                            holdSeconds, TimeUnit.SECONDS);
                }
            }
        }
    }

    private void report(int total, double achievedRate) {
        long[] sorted;
        synchronized (latenciesNanos) {
            sorted = latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        System.out.printf("calls sent: %d at %.1f/s; offers received: %d; callers without an offer: %d%n", total,
                achievedRate, sorted.length, sentAt.size());
        if (sorted.length > 0) {
            System.out.printf("arrival -> OfferCall through Kafka: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                    sorted[sorted.length - 1] / 1e6);
        }
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private void send(Event event) {
        Envelope envelope = Envelope.of(UUID.randomUUID(), Instant.now(), null, event);
        producer.send(new ProducerRecord<>(Topics.of(event), envelope.key(), codec.encode(envelope)));
    }

    private static int intArg(String[] args, String prefix, int fallback) {
        return Arrays.stream(args).filter(arg -> arg.startsWith(prefix)).findFirst()
                .map(arg -> Integer.parseInt(arg.substring(prefix.length()))).orElse(fallback);
    }
}
