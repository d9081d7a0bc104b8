package io.ccagent.queue.takeover;

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
import io.ccagent.testkit.EventSender;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills (SIGKILL) the queue-service that routes a tenant while callers keep arriving, starts another one, and checks
 * that every caller got exactly one offer: none lost with the dead instance's uncommitted work, none sent twice by the
 * instance that took over (it restores the snapshot and replays only what was committed). And the same when a second
 * instance joins under load and dies: the first keeps routing the partitions it keeps, from memory, and takes the
 * others back from their snapshots.
 * Runs in a failsafe execution of its own (see the pom): any other router on the broker would route its tenant too.
 */
class RouterTakeoverIT {

    private static final int AGENTS = 40;
    private static final int RATE = 40;
    /** What the router logs when a rebalance gave it its partitions. */
    private static final String ASSIGNED = "Assigned partition numbers";

    private final Infrastructure infrastructure = SharedInfrastructure.get();
    private final EnvelopeCodec codec = new EnvelopeCodec();
    /** The tenants under load, by domain (the record key). */
    private final Map<String, Tenancy> tenancies = new ConcurrentHashMap<>();

    /** One tenant's queue under load: its callers, and how many offers the gateway saw for each. */
    private record Tenancy(Tenant tenant, QueueId queue, Map<CallId, AtomicInteger> offers, Set<CallId> arrived) {

        Tenancy(Tenant tenant) {
            this(tenant, QueueId.of("8001", tenant), new ConcurrentHashMap<>(), ConcurrentHashMap.newKeySet());
        }

        AgentId agent(int a) {
            return AgentId.of("a" + a, tenant);
        }
    }

    @Test
    void noOfferIsLostOrDoubledWhenTheRoutingInstanceIsKilledUnderLoad() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String[] settings = settings(run);
        Tenancy tenancy = load(Tenant.of("takeover-" + run + ".test"));
        try (EventSender sender = new EventSender(infrastructure); Gateway gateway = new Gateway(sender)) {
            QueueServiceProcess second = null;
            try (QueueServiceProcess first = QueueServiceProcess.start(infrastructure, "first", database(run), settings)) {
                // a router group with no commit treats what is already in the log as routed: provision after it joined
                awaitRouterAssigned("takeover-" + run);
                provision(sender, tenancy);
                awaitLastAgentAvailable(tenancy);
                int call = 0;
                for (; tenancy.offers().size() < 80 && call < 2_000; call++) {
                    arrive(sender, tenancy, call);
                }
                first.kill();
                for (int i = 0; i < 3 * RATE; i++, call++) {
                    arrive(sender, tenancy, call);
                }
                second = QueueServiceProcess.start(infrastructure, "second", database(run), settings);
                for (int i = 0; i < 3 * RATE; i++, call++) {
                    arrive(sender, tenancy, call);
                }
                assertEachCallerOfferedOnce(tenancy, first, second);
            } finally {
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    /**
     * Two tenants, one in the first partition number and one in the last: when the second instance joins, the range
     * assignor leaves one of them with the first instance (kept in memory through the rebalance) and moves the other
     * (restored by the second). The second is then killed, and the first takes that one back from its snapshot.
     */
    @Test
    void noOfferIsLostOrDoubledWhenASecondInstanceJoinsUnderLoadAndDies() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String[] settings = settings(run);
        try (EventSender sender = new EventSender(infrastructure); Gateway gateway = new Gateway(sender);
             QueueServiceProcess first = QueueServiceProcess.start(infrastructure, "first", database(run), settings)) {
            awaitRouterAssigned("takeover-" + run);
            int partitions = partitionsOf(Topics.CALL_EVENTS);
            List<Tenancy> both = List.of(load(tenantIn(0, partitions, run)), load(tenantIn(partitions - 1, partitions,
                    run)));
            for (Tenancy tenancy : both) {
                provision(sender, tenancy);
            }
            for (Tenancy tenancy : both) {
                awaitLastAgentAvailable(tenancy);
            }
            int[] call = {0};
            Runnable arriveAtBoth = () -> both.forEach(tenancy -> arrive(sender, tenancy, call[0]++));
            for (int i = 0; i < RATE; i++) {
                arriveAtBoth.run();
            }
            try (QueueServiceProcess second = QueueServiceProcess.start(infrastructure, "second", database(run),
                    settings)) {
                arriveUntilLogged(second, ASSIGNED, 1, arriveAtBoth);
                for (int i = 0; i < RATE; i++) {
                    arriveAtBoth.run();
                }
                int assignedToFirst = linesOf(first, ASSIGNED);
                second.kill();
                arriveUntilLogged(first, ASSIGNED, assignedToFirst + 1, arriveAtBoth);
                for (int i = 0; i < RATE; i++) {
                    arriveAtBoth.run();
                }
                for (Tenancy tenancy : both) {
                    assertEachCallerOfferedOnce(tenancy, first, second);
                }
                if (partitions > 1) {
                    assertThat(Files.readAllLines(first.log().toPath())).as("first instance's log %s", first.log())
                            .anyMatch(line -> line.matches(".*Assigned partition numbers \\[.*\\]: kept \\[\\d.*"));
                }
            }
        }
    }

    private static String[] settings(String run) {
        return new String[]{"--cca.queue.routing.group=takeover-" + run,
                "--cca.queue.routing.transactional-id-prefix=takeover-" + run + "-",
                "--cca.queue.routing.snapshot-interval=1s"};
    }

    private static String database(String run) {
        return "queue-takeover-" + run;
    }

    private Tenancy load(Tenant tenant) {
        Tenancy tenancy = new Tenancy(tenant);
        tenancies.put(tenant.domain(), tenancy);
        return tenancy;
    }

    /** A tenant whose records go to the given partition number (Kafka's default partitioner, key = domain). */
    private static Tenant tenantIn(int partition, int partitions, String run) {
        for (int i = 0; ; i++) {
            String domain = "rejoin-" + run + "-" + i + ".test";
            if (Utils.toPositive(Utils.murmur2(domain.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
                return Tenant.of(domain);
            }
        }
    }

    private int partitionsOf(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    /** Callers keep arriving until the instance has logged the line that many times, for at most 90 s. */
    private static void arriveUntilLogged(QueueServiceProcess instance, String line, int times, Runnable arrive)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (linesOf(instance, line) < times) {
            assertThat(System.nanoTime()).as("'%s' %d times in %s", line, times, instance.log()).isLessThan(deadline);
            arrive.run();
        }
    }

    private static int linesOf(QueueServiceProcess instance, String line) throws IOException {
        return (int) Files.readAllLines(instance.log().toPath()).stream().filter(logged -> logged.contains(line))
                .count();
    }

    private static void assertEachCallerOfferedOnce(Tenancy tenancy, QueueServiceProcess first,
                                                    QueueServiceProcess second) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (tenancy.offers().size() < tenancy.arrived().size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(2_000);
        List<CallId> lost = tenancy.arrived().stream().filter(id -> !tenancy.offers().containsKey(id)).toList();
        List<CallId> doubled = tenancy.offers().entrySet().stream().filter(e -> e.getValue().get() > 1)
                .map(Map.Entry::getKey).toList();
        assertThat(lost).as("callers of %s never offered (logs: %s, %s)", tenancy.tenant(), first.log(),
                second.log()).isEmpty();
        assertThat(doubled).as("callers of %s offered twice (logs: %s, %s)", tenancy.tenant(), first.log(),
                second.log()).isEmpty();
        assertThat(tenancy.offers().keySet()).isEqualTo(tenancy.arrived());
    }

    private void provision(EventSender sender, Tenancy tenancy) {
        QueueId queue = tenancy.queue();
        sender.send(new QueueConfigured(queue, "Takeover", QueueType.ROUND_ROBIN, 0, 20, 600,
                UnansweredAction.STAY_IN_QUEUE, null, "UTC", "it"));
        for (int a = 0; a < AGENTS; a++) {
            AgentId agent = tenancy.agent(a);
            DeviceId device = DeviceId.of("d" + a, tenancy.tenant());
            sender.send(new QueueMemberAdded(queue, device, agent, 1, a, 1, "it"));
            sender.send(new QueueLoginChanged(agent, queue, true, ChangeSource.PORTAL, "it"));
            sender.send(new DeviceRegistered(tenancy.tenant(), device, agent, "sip:d" + a,
                    Instant.now().plusSeconds(3_600)));
            sender.send(new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.ONLINE, ChangeSource.PORTAL,
                    "it"));
        }
    }

    private void awaitRouterAssigned(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infrastructure.kafkaBootstrapServers()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription description;
                try {
                    description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                } catch (ExecutionException e) {
                    Thread.sleep(200); // not created yet
                    continue;
                }
                if (description.groupState() == GroupState.STABLE && description.members().stream()
                        .anyMatch(member -> !member.assignment().topicPartitions().isEmpty())) {
                    Thread.sleep(1_000);
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the router never joined its group");
        }
    }

    private void awaitLastAgentAvailable(Tenancy tenancy) {
        try (KafkaConsumer<String, byte[]> facts = consumer(Topics.QUEUE_FACTS)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : facts.poll(Duration.ofMillis(200))) {
                    // other tests share the topic, some with deliberately unreadable records: read only this tenant's
                    if (tenancy.tenant().domain().equals(record.key())
                            && codec.decode(record.value()).data() instanceof AgentAvailabilityChanged change
                            && change.agent().equals(tenancy.agent(AGENTS - 1))
                            && change.queues().stream().anyMatch(AgentAvailabilityChanged.QueueAvailability::available)) {
                        return;
                    }
                }
            }
            throw new AssertionError("the first instance never routed " + tenancy.tenant());
        }
    }

    private static void arrive(EventSender sender, Tenancy tenancy, int call) {
        CallId id = CallId.of("takeover-" + call);
        tenancy.arrived().add(id);
        sender.send(new CallArrived(tenancy.tenant(), id, "+15550000", "Caller", tenancy.queue().extension(),
                tenancy.queue(), null, CallOrigin.EXTERNAL));
        try {
            Thread.sleep(1_000 / RATE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Plays the gateway for the tenants under load: answers each offer on its first phone at once and hangs up
     * shortly after.
     */
    private final class Gateway implements AutoCloseable {

        private final AtomicBoolean listening = new AtomicBoolean(true);
        private final ScheduledExecutorService hangUps = Executors.newSingleThreadScheduledExecutor();
        private final Thread thread;

        Gateway(EventSender sender) {
            thread = new Thread(() -> play(sender), "takeover-gateway");
            thread.start();
        }

        private void play(EventSender sender) {
            try (KafkaConsumer<String, byte[]> commands = consumer(Topics.ROUTING_COMMANDS)) {
                while (listening.get()) {
                    for (ConsumerRecord<String, byte[]> record : commands.poll(Duration.ofMillis(100))) {
                        Tenancy tenancy = record.key() == null ? null : tenancies.get(record.key());
                        if (tenancy == null) {
                            continue;
                        }
                        if (codec.decode(record.value()).data() instanceof OfferCall offer) {
                            tenancy.offers().computeIfAbsent(offer.call(), id -> new AtomicInteger()).incrementAndGet();
                            var target = offer.targets().get(0);
                            sender.send(new CallAnswered(tenancy.tenant(), offer.call(), target.device(),
                                    target.agent(), tenancy.queue()));
                            hangUps.schedule(() -> sender.send(new CallEnded(tenancy.tenant(), offer.call(),
                                    EndCause.AGENT_HANGUP)), 300, TimeUnit.MILLISECONDS);
                        }
                    }
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            listening.set(false);
            thread.join();
            hangUps.shutdownNow();
        }
    }

    /** Reads a topic from its end as the services do: committed records only. */
    private KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "takeover-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
