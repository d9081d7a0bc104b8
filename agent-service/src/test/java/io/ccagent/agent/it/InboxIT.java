package io.ccagent.agent.it;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.ccagent.agent.agents.AgentCommands;
import io.ccagent.agent.agents.AgentViews;
import io.ccagent.agent.config.ChangeMetadata;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.call.CallRinging;
import io.ccagent.contracts.call.StarCodeDialed;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.TypeHeader;
import io.ccagent.testkit.EventSender;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.SpringInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the consumers keep to stay idempotent: nothing for records they do not handle, and for the ones they do, the
 * causing envelope id inside the agent's own events, written in the same append as the change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class InboxIT {

    private static final String GROUP = "agent-inbox-it";
    private static final Infrastructure INFRA = SharedInfrastructure.get();
    private static final Tenant TENANT = Tenant.of("inbox-it.example.com");

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, "agent-inbox-it");
        registry.add("spring.cloud.stream.bindings.callEvents-in-0.group", () -> GROUP);
        registry.add("spring.cloud.stream.bindings.queueEvents-in-0.group", () -> GROUP);
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    AgentViews views;
    @Autowired
    MongoClient mongo;
    @Value("${spring.mongodb.database}")
    String database;

    @Test
    void a100000FactsTheServiceDoesNotHandleLeaveNothingStored() throws Exception {
        AgentId agent = provision("3001");
        dial(agent, "*51");
        Eventually.until("the consumer handles call.events", () -> status(agent) == AgentStatus.ONLINE);
        awaitConsumedToTheEnd();
        Map<String, Long> before = documentCounts();

        EnvelopeCodec codec = new EnvelopeCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", INFRA.kafkaBootstrapServers(), "linger.ms", 20),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 100_000; i++) {
                Envelope ringing = Envelope.of(UUID.randomUUID(), Instant.now(), null, new CallRinging(TENANT,
                        CallId.of("ring-" + i), device(agent), agent, QueueId.of("800", TENANT)));
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CALL_EVENTS, ringing.key(),
                        codec.encode(ringing));
                record.headers().add(TypeHeader.NAME, TypeHeader.valueOf(ringing));
                producer.send(record);
            }
            producer.flush();
        }
        awaitConsumedToTheEnd();

        assertThat(documentCounts()).as("documents per collection").isEqualTo(before);
    }

    @Test
    void aCommandAppliedJustBeforeACrashIsNotAppliedAgainWhenItsRecordIsRedelivered() {
        AgentId agent = provision("3002");
        Envelope online = Envelope.of(UUID.randomUUID(), Instant.now(), null,
                new StarCodeDialed(TENANT, CallId.of("star-" + UUID.randomUUID()), device(agent), agent, "*51"));
        // what the consumer did before the crash: the command, carrying the record's envelope id; no acknowledgement
        commands.sendAndWait(ChangeMetadata.command(new AgentCommands.DialStarCode(agent, device(agent), "*51"),
                ChangeSource.STAR_CODE, device(agent).toString(), online.id()));
        commands.sendAndWait(ChangeMetadata.command(new AgentCommands.ChangeStatus(agent, AgentStatus.LUNCH,
                ChangeSource.PORTAL, agent.toString()), ChangeSource.PORTAL, agent.toString(), null));

        try (EventSender sender = new EventSender(INFRA)) {
            sender.send(online); // after the restart, the unacknowledged record comes again
        }
        awaitConsumedToTheEnd();

        assertThat(status(agent)).as("the redelivered *51 was recognised").isEqualTo(AgentStatus.LUNCH);
    }

    @Test
    void aRedeliveredStarCodeThatChangedNothingStaysWithoutEffectAfterALaterChange() {
        AgentId agent = provision("3003");
        dial(agent, "*51");
        Eventually.until("online", () -> status(agent) == AgentStatus.ONLINE);
        Envelope again = Envelope.of(UUID.randomUUID(), Instant.now(), null,
                new StarCodeDialed(TENANT, CallId.of("star-" + UUID.randomUUID()), device(agent), agent, "*51"));
        try (EventSender sender = new EventSender(INFRA)) {
            sender.send(again); // already online and logged in: changes nothing, but is remembered
            awaitConsumedToTheEnd();
            commands.sendAndWait(ChangeMetadata.command(new AgentCommands.ChangeStatus(agent, AgentStatus.BREAK,
                    ChangeSource.PORTAL, agent.toString()), ChangeSource.PORTAL, agent.toString(), null));
            sender.send(again);
        }
        awaitConsumedToTheEnd();

        assertThat(status(agent)).isEqualTo(AgentStatus.BREAK);
    }

    private AgentId provision(String extension) {
        AgentId agent = AgentId.of(extension, TENANT);
        commands.sendAndWait(ChangeMetadata.command(new AgentCommands.ProvisionAgent(agent, "Agent " + extension,
                null, List.of(device(agent)), "UTC"), ChangeSource.SUPERVISOR, "it", null));
        return agent;
    }

    private static DeviceId device(AgentId agent) {
        return DeviceId.of(agent.extension() + "a", agent.tenant());
    }

    private void dial(AgentId agent, String code) {
        try (EventSender sender = new EventSender(INFRA)) {
            sender.send(new StarCodeDialed(TENANT, CallId.of("star-" + UUID.randomUUID()), device(agent), agent,
                    code));
        }
    }

    private AgentStatus status(AgentId agent) {
        return views.find(agent).orElseThrow().status();
    }

    private Map<String, Long> documentCounts() {
        MongoDatabase db = mongo.getDatabase(database);
        return db.listCollectionNames().into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(Function.identity(), name -> db.getCollection(name).countDocuments(),
                        (a, b) -> a, TreeMap::new));
    }

    /** Until the service's consumer group has committed every call.events record there is now (bounded wait). */
    private static void awaitConsumedToTheEnd() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", INFRA.kafkaBootstrapServers()))) {
            Instant deadline = Instant.now().plusSeconds(180);
            while (!consumedToTheEnd(admin)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("call.events was not consumed to the end");
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean consumedToTheEnd(Admin admin) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.CALL_EVENTS)).allTopicNames().get()
                    .get(Topics.CALL_EVENTS).partitions().stream()
                    .map(p -> new TopicPartition(Topics.CALL_EVENTS, p.partition())).toList();
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
            return partitions.stream().allMatch(p -> ends.get(p).offset() == 0
                    || (committed.get(p) != null && committed.get(p).offset() >= ends.get(p).offset()));
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
