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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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
 * instance that took over (it restores the snapshot and replays only what was committed).
 * Runs in a failsafe execution of its own (see the pom): any other router on the broker would route its tenant too.
 */
class RouterTakeoverIT {

    private static final Tenant TENANT = Tenant.of("takeover-" + UUID.randomUUID().toString().substring(0, 8) + ".test");
    private static final QueueId QUEUE = QueueId.of("8001", TENANT);
    private static final int AGENTS = 40;
    private static final int RATE = 40;

    private final Infrastructure infrastructure = SharedInfrastructure.get();
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final Map<CallId, AtomicInteger> offers = new ConcurrentHashMap<>();
    private final Set<CallId> arrived = ConcurrentHashMap.newKeySet();

    @Test
    void noOfferIsLostOrDoubledWhenTheRoutingInstanceIsKilledUnderLoad() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String[] settings = {"--cca.queue.routing.group=takeover-" + run,
                "--cca.queue.routing.transactional-id-prefix=takeover-" + run + "-",
                "--cca.queue.routing.snapshot-interval=1s"};
        String database = "queue-takeover-" + run;
        AtomicBoolean listening = new AtomicBoolean(true);
        ScheduledExecutorService hangUps = Executors.newSingleThreadScheduledExecutor();
        try (EventSender sender = new EventSender(infrastructure)) {
            Thread gateway = new Thread(() -> playGateway(sender, hangUps, listening), "takeover-gateway");
            gateway.start();
            QueueServiceProcess second = null;
            try (QueueServiceProcess first = QueueServiceProcess.start(infrastructure, "first", database, settings)) {
                // a router group with no commit treats what is already in the log as routed: provision after it joined
                awaitRouterAssigned("takeover-" + run);
                provision(sender);
                awaitLastAgentAvailable();
                int call = 0;
                for (; offers.size() < 80 && call < 2_000; call++) {
                    arrive(sender, call);
                }
                first.kill();
                for (int i = 0; i < 3 * RATE; i++, call++) {
                    arrive(sender, call);
                }
                second = QueueServiceProcess.start(infrastructure, "second", database, settings);
                for (int i = 0; i < 3 * RATE; i++, call++) {
                    arrive(sender, call);
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (offers.size() < arrived.size() && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                Thread.sleep(2_000);
                List<CallId> lost = arrived.stream().filter(id -> !offers.containsKey(id)).toList();
                List<CallId> doubled = offers.entrySet().stream().filter(e -> e.getValue().get() > 1)
                        .map(Map.Entry::getKey).toList();
                assertThat(lost).as("callers never offered (logs: %s, %s)", first.log(), second.log()).isEmpty();
                assertThat(doubled).as("callers offered twice (logs: %s, %s)", first.log(), second.log()).isEmpty();
                assertThat(offers).hasSize(call);
            } finally {
                listening.set(false);
                gateway.join();
                if (second != null) {
                    second.close();
                }
            }
        } finally {
            hangUps.shutdownNow();
        }
    }

    private void provision(EventSender sender) {
        sender.send(new QueueConfigured(QUEUE, "Takeover", QueueType.ROUND_ROBIN, 0, 20, 600,
                UnansweredAction.STAY_IN_QUEUE, null, "UTC", "it"));
        for (int a = 0; a < AGENTS; a++) {
            AgentId agent = agent(a);
            DeviceId device = DeviceId.of("d" + a, TENANT);
            sender.send(new QueueMemberAdded(QUEUE, device, agent, 1, a, 1, "it"));
            sender.send(new QueueLoginChanged(agent, QUEUE, true, ChangeSource.PORTAL, "it"));
            sender.send(new DeviceRegistered(TENANT, device, agent, "sip:d" + a, Instant.now().plusSeconds(3_600)));
            sender.send(new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.ONLINE, ChangeSource.PORTAL, "it"));
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

    private void awaitLastAgentAvailable() {
        try (KafkaConsumer<String, byte[]> facts = consumer(Topics.QUEUE_FACTS)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : facts.poll(Duration.ofMillis(200))) {
                    // other tests share the topic, some with deliberately unreadable records: read only this tenant's
                    if (TENANT.domain().equals(record.key())
                            && codec.decode(record.value()).data() instanceof AgentAvailabilityChanged change
                            && change.agent().equals(agent(AGENTS - 1))
                            && change.queues().stream().anyMatch(AgentAvailabilityChanged.QueueAvailability::available)) {
                        return;
                    }
                }
            }
            throw new AssertionError("the first instance never routed the tenant");
        }
    }

    private void arrive(EventSender sender, int call) throws InterruptedException {
        CallId id = CallId.of("takeover-" + call);
        arrived.add(id);
        sender.send(new CallArrived(TENANT, id, "+15550000", "Caller", QUEUE.extension(), QUEUE, null,
                CallOrigin.EXTERNAL));
        Thread.sleep(1_000 / RATE);
    }

    /** Answers each offer on its first phone at once and hangs up shortly after, as the gateway would. */
    private void playGateway(EventSender sender, ScheduledExecutorService hangUps, AtomicBoolean listening) {
        try (KafkaConsumer<String, byte[]> commands = consumer(Topics.ROUTING_COMMANDS)) {
            while (listening.get()) {
                for (ConsumerRecord<String, byte[]> record : commands.poll(Duration.ofMillis(100))) {
                    if (!TENANT.domain().equals(record.key())) {
                        continue;
                    }
                    Envelope envelope = codec.decode(record.value());
                    if (envelope.data() instanceof OfferCall offer && offer.tenant().equals(TENANT)) {
                        offers.computeIfAbsent(offer.call(), id -> new AtomicInteger()).incrementAndGet();
                        var target = offer.targets().get(0);
                        sender.send(new CallAnswered(TENANT, offer.call(), target.device(), target.agent(), QUEUE));
                        hangUps.schedule(() -> sender.send(new CallEnded(TENANT, offer.call(), EndCause.AGENT_HANGUP)),
                                300, TimeUnit.MILLISECONDS);
                    }
                }
            }
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

    private static AgentId agent(int a) {
        return AgentId.of("a" + a, TENANT);
    }
}
