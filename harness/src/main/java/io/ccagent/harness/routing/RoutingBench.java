package io.ccagent.harness.routing;

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
import io.ccagent.contracts.wire.TypeHeader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives queue-service (in its own process) through Kafka the way the telephony gateway and agent-service would:
 * provisions one tenant (agents, queues of every automatic type, each agent in several queues), then callers arrive at
 * a fixed rate; each offer is answered on its first phone at once and the call ends after a hold time. Used by
 * harness/bench/routing.sh and harness/bench/takeover.sh, which start Kafka, MongoDB and queue-service.
 */
public final class RoutingBench {

    static final QueueType[] TYPES = {QueueType.ROUND_ROBIN, QueueType.TIERED_ROUND_ROBIN, QueueType.RING_ALL,
            QueueType.LINEAR_HUNT, QueueType.LINEAR_CASCADE, QueueType.FEWEST_CALLS, QueueType.RANDOM};
    static final List<String> BUS = List.of(Topics.AGENT_EVENTS, Topics.CALL_EVENTS, Topics.QUEUE_EVENTS,
            Topics.QUEUE_FACTS, Topics.ROUTING_COMMANDS, "queue.router-ticks");

    final Map<String, String> options;
    /** A new tenant per run, or the one named by {@code --tenant} (the takeover's load phase: prepare's tenant). */
    final Tenant tenant;
    final String bootstrap;
    final int agents;
    final int queues;
    final int queuesPerAgent;
    final EnvelopeCodec codec = new EnvelopeCodec();
    final KafkaProducer<String, byte[]> producer;
    final Map<CallId, Long> sentAt = new ConcurrentHashMap<>();
    final Map<CallId, AtomicInteger> offers = new ConcurrentHashMap<>();
    /**
     * Callers offered to an agent they had already been offered to: what a decision made twice looks like. Further
     * offers of one caller go to other agents (ring all and linear cascade adding agents while it rings, the next
     * agent after a ring-out); an agent is offered the same caller again only after every other member rang out,
     * which the benchmark's callers, answered at once, never wait for.
     */
    final Set<CallId> offeredTheSameAgentTwice = ConcurrentHashMap.newKeySet();
    private final Map<CallId, Set<AgentId>> agentsOffered = new ConcurrentHashMap<>();
    final List<Long> latencies = new ArrayList<>();
    /** Wall-clock milliseconds of each arrival and of its first offer, for the takeover's resume time. */
    final Map<CallId, Long> arrivedMillis = new ConcurrentHashMap<>();
    final Map<CallId, Long> offeredMillis = new ConcurrentHashMap<>();
    final ScheduledExecutorService hangUps = Executors.newScheduledThreadPool(1);
    volatile boolean listening = true;

    RoutingBench(Map<String, String> options) {
        this.options = options;
        this.tenant = Tenant.of(options.getOrDefault("tenant",
                "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com"));
        this.bootstrap = options.get("bootstrap");
        this.agents = intOption("agents", 5_000);
        this.queues = intOption("queues", 500);
        this.queuesPerAgent = intOption("queues-per-agent", 3);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "0"),
                new StringSerializer(), new ByteArraySerializer());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        RoutingBench bench = new RoutingBench(options);
        try {
            switch (args[0]) {
                case "routing" -> bench.routing();
                case "takeover-prepare" -> new TakeoverPhases(bench).prepare();
                case "takeover-load" -> new TakeoverPhases(bench).load();
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        } finally {
            bench.listening = false;
            bench.hangUps.shutdownNow();
            bench.producer.close();
        }
        System.exit(0);
    }

    private void routing() throws Exception {
        int rate = intOption("rate", 200);
        int seconds = intOption("seconds", 60);
        Thread gateway = startGateway();
        provision();
        awaitAvailable(AgentId.of("a" + (agents - 1), tenant));
        warmUp();
        Map<TopicPartition, Long> before = busOffsets();
        int calls = arrive(rate, seconds, "load-");
        awaitOffers(calls, Duration.ofSeconds(30));
        Thread.sleep(intOption("hold", 5) * 1_000L + 2_000);
        Map<TopicPartition, Long> after = busOffsets();
        listening = false;
        gateway.join();
        Map<String, Long> records = recordsBetween(before, after);
        long total = records.values().stream().mapToLong(Long::longValue).sum();
        long offsets = 0;
        for (Map.Entry<TopicPartition, Long> end : after.entrySet()) {
            offsets += end.getValue() - before.getOrDefault(end.getKey(), 0L);
        }
        long[] sorted = sortedLatencies();
        long offered = sentAt.keySet().stream().filter(offers::containsKey).count();
        System.out.printf("records on the bus during the run, by topic: %s (includes this driver's call.Arrived, "
                + "call.Answered, call.Ended; agent-service and the gateway's own records are not simulated); "
                + "offsets used, transaction markers included: %d (%.2f per call)%n", records, offsets,
                (double) offsets / calls);
        System.out.printf("latency arrival -> offer read (ms): p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f%n",
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), percentile(sorted, 99.9),
                percentile(sorted, 100));
        System.out.printf("BENCH routing rate=%d calls=%d offered=%d p50_ms=%.2f p99_ms=%.2f records_per_call=%.2f%n",
                rate, calls, offered, percentile(sorted, 50), percentile(sorted, 99), (double) total / calls);
    }

    /**
     * Queues of every automatic type, agents each in several queues, online, logged in, phone registered. Waits first
     * until the router has joined its group: a group with no commit treats what is already in the log as routed.
     */
    void provision() throws Exception {
        String group = options.getOrDefault("group", "queue-router");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (true) {
                org.apache.kafka.clients.admin.ConsumerGroupDescription description;
                try {
                    description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                } catch (java.util.concurrent.ExecutionException e) {
                    Thread.sleep(200); // not created yet
                    continue;
                }
                if (description.groupState() == org.apache.kafka.common.GroupState.STABLE && description.members()
                        .stream().anyMatch(member -> !member.assignment().topicPartitions().isEmpty())) {
                    break;
                }
                Thread.sleep(200);
            }
        }
        Thread.sleep(1_000);
        Instant now = Instant.now();
        for (int q = 0; q < queues; q++) {
            send(new QueueConfigured(queue(q), "Q" + q, TYPES[q % TYPES.length], intOption("wrap-up", 5), 20, 600,
                    UnansweredAction.STAY_IN_QUEUE, null, "UTC", "bench"));
        }
        for (int a = 0; a < agents; a++) {
            AgentId agent = AgentId.of("a" + a, tenant);
            DeviceId device = DeviceId.of("d" + a, tenant);
            for (int i = 0; i < queuesPerAgent; i++) {
                QueueId queue = queue(Math.floorMod(a * (1 + 6 * i) + 13 * i, queues));
                send(new QueueMemberAdded(queue, device, agent, i + 1, a, 1 + a % 3, "bench"));
                send(new QueueLoginChanged(agent, queue, true, ChangeSource.PORTAL, "bench"));
            }
            send(new DeviceRegistered(tenant, device, agent, "sip:d" + a, now.plusSeconds(86_400)));
            send(new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.ONLINE, ChangeSource.PORTAL, "bench"));
        }
        producer.flush();
    }

    QueueId queue(int q) {
        return QueueId.of("q" + q, tenant);
    }

    /** The last provisioning record is this agent going Online: once it is green, the router has read everything. */
    void awaitAvailable(AgentId last) {
        try (KafkaConsumer<String, byte[]> facts = consumer(Topics.QUEUE_FACTS, "earliest")) {
            while (true) {
                for (ConsumerRecord<String, byte[]> record : facts.poll(Duration.ofMillis(200))) {
                    if (tenant.domain().equals(record.key())
                            && codec.decode(record.value()).data() instanceof AgentAvailabilityChanged change
                            && change.agent().equals(last)
                            && change.queues().stream().anyMatch(AgentAvailabilityChanged.QueueAvailability::available)) {
                        return;
                    }
                }
            }
        }
    }

    void warmUp() throws InterruptedException {
        arrive(50, 4, "warm-up-");
        awaitOffers(sentAt.size(), Duration.ofSeconds(30));
        Thread.sleep(intOption("hold", 5) * 1_000L + 1_000);
        synchronized (latencies) {
            latencies.clear();
        }
        sentAt.clear();
    }

    /** Callers at a fixed rate, spread over the queues; returns how many. */
    int arrive(int rate, int seconds, String prefix) throws InterruptedException {
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            CallId call = CallId.of(prefix + i + "-" + tenant.domain());
            QueueId queue = queue(Math.floorMod(i * 7919, queues));
            sentAt.put(call, System.nanoTime());
            arrivedMillis.put(call, System.currentTimeMillis());
            send(new CallArrived(tenant, call, "+15550000", "Bench", queue.extension(), queue, null,
                    CallOrigin.EXTERNAL));
        }
        return total;
    }

    void awaitOffers(int calls, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline && sentAt.keySet().stream().filter(offers::containsKey).count() < calls) {
            Thread.sleep(100);
        }
    }

    /** The gateway's side: every offer of the tenant answered on its first phone, the call ended after the hold. */
    Thread startGateway() {
        int hold = intOption("hold", 5);
        Thread gateway = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> commands = consumer(Topics.ROUTING_COMMANDS, "latest")) {
                while (listening) {
                    for (ConsumerRecord<String, byte[]> record : commands.poll(Duration.ofMillis(20))) {
                        long received = System.nanoTime();
                        if (!tenant.domain().equals(record.key())) {
                            continue;
                        }
                        Envelope envelope = codec.decode(record.value());
                        if (!(envelope.data() instanceof OfferCall offer)) {
                            continue;
                        }
                        offeredMillis.putIfAbsent(offer.call(), System.currentTimeMillis());
                        Set<AgentId> offeredBefore = agentsOffered.computeIfAbsent(offer.call(),
                                id -> ConcurrentHashMap.newKeySet());
                        Set<AgentId> offeredNow = new HashSet<>();
                        offer.targets().forEach(target -> offeredNow.add(target.agent()));
                        if (offeredNow.stream().anyMatch(offeredBefore::contains)) {
                            offeredTheSameAgentTwice.add(offer.call());
                        }
                        offeredBefore.addAll(offeredNow);
                        if (offers.computeIfAbsent(offer.call(), id -> new AtomicInteger()).incrementAndGet() > 1) {
                            // answered already: a later offer for the caller (ring all adds agents who become free
                            // while it rings) finds the call bridged, as at the gateway; answering it again would
                            // put a second agent on the same call
                            continue;
                        }
                        Long sent = sentAt.get(offer.call());
                        if (sent != null) {
                            synchronized (latencies) {
                                latencies.add(received - sent);
                            }
                        }
                        var target = offer.targets().get(0);
                        send(new CallAnswered(tenant, offer.call(), target.device(), target.agent(), offer.queue()));
                        hangUps.schedule(() -> send(new CallEnded(tenant, offer.call(), EndCause.AGENT_HANGUP)),
                                hold, TimeUnit.SECONDS);
                    }
                }
            }
        }, "bench-gateway");
        gateway.start();
        return gateway;
    }

    /** The end offset of every partition of the topics on the bus. */
    Map<TopicPartition, Long> busOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<String, TopicDescription> topics = admin.describeTopics(BUS).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            topics.values().forEach(topic -> topic.partitions().forEach(partition ->
                    latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
    }

    /**
     * The records written between two sets of end offsets, per topic, as a read_committed consumer sees them: the
     * routers' transaction markers take offsets but are not records, and aborted records are not delivered.
     */
    Map<String, Long> recordsBetween(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        Map<String, Long> counts = new TreeMap<>();
        BUS.forEach(topic -> counts.put(topic, 0L));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = to.keySet().stream()
                    .filter(partition -> to.get(partition) > from.getOrDefault(partition, 0L)).toList();
            consumer.assign(partitions);
            partitions.forEach(partition -> consumer.seek(partition, from.getOrDefault(partition, 0L)));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < to.get(partition))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < to.get(partition)) {
                        counts.merge(record.topic(), 1L, Long::sum);
                    }
                }
            }
        }
        return counts;
    }

    /** The end offset of every partition of the topics on the bus, summed per topic. */
    Map<String, Long> busEnds() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<String, TopicDescription> topics = admin.describeTopics(BUS).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            topics.values().forEach(topic -> topic.partitions().forEach(partition ->
                    latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            Map<String, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) ->
                    ends.merge(partition.topic(), info.offset(), Long::sum));
            return ends;
        }
    }

    /** When the first caller who arrived after the instant (wall clock, ms) got an offer; -1 when none did. */
    long firstOfferForArrivalAfter(long instant) {
        return offeredMillis.entrySet().stream()
                .filter(offered -> arrivedMillis.getOrDefault(offered.getKey(), 0L) > instant)
                .mapToLong(Map.Entry::getValue).min().orElse(-1);
    }

    KafkaConsumer<String, byte[]> consumer(String topic, String reset) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // how long the broker may hold a fetch that finds nothing new (Kafka's default: 500 ms)
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(intOption("fetch-max-wait-ms", 10))),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        if ("latest".equals(reset)) {
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(50));
            }
        }
        return consumer;
    }

    long[] sortedLatencies() {
        synchronized (latencies) {
            return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    void send(Event event) {
        Envelope envelope = Envelope.of(UUID.randomUUID(), Instant.now(), null, event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.of(event), envelope.key(),
                codec.encode(envelope));
        record.headers().add(TypeHeader.NAME, TypeHeader.valueOf(envelope));
        producer.send(record);
    }

    int intOption(String name, int fallback) {
        String value = options.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
