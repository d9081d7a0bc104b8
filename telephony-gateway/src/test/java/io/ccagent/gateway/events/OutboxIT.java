package io.ccagent.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.TopicProbe;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The outbox on the real broker and MongoDB: facts handed over while the broker cannot be reached (simulated at the
 * relay: nothing is acknowledged) are all on {@code call.events} once it can, exactly once and in order; facts left
 * stored by a gateway that stopped are relayed by the next one.
 */
class OutboxIT {

    private static final Infrastructure infra = SharedInfrastructure.get();
    private static final Tenant TENANT = Tenant.of("outbox.example.com");

    private MongoClient client;
    private MongoDatabase database;
    private KafkaTemplate<String, byte[]> kafka;
    private volatile boolean brokerAway;

    @BeforeEach
    void setUp() {
        client = MongoClients.create(infra.mongoUri());
        database = client.getDatabase("gateway-outbox-it-" + UUID.randomUUID());
        kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer()));
    }

    @AfterEach
    void tearDown() {
        kafka.destroy();
        database.drop();
        client.close();
    }

    @Test
    void factsHandedOverWhileTheBrokerIsAwayArePublishedOnceInOrderWhenItIsBack() {
        Outbox outbox = outbox();
        brokerAway = true;
        outbox.start();
        List<String> sent = new ArrayList<>();
        try (TopicProbe probe = TopicProbe.fromNow(infra, Topics.CALL_EVENTS)) {
            for (int i = 0; i < 300; i++) {
                sent.add(hand(outbox, "away-" + i));
            }
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> database.getCollection("outbox").countDocuments() == 300);
            assertThat(probe.drain(Duration.ofSeconds(1))).as("nothing got through while away")
                    .noneMatch(envelope -> envelope.tenant().equals(TENANT));

            brokerAway = false;

            assertThat(ids(collect(probe, 300))).containsExactlyElementsOf(sent);
        } finally {
            outbox.stop();
        }
        assertThat(database.getCollection("outbox").countDocuments()).isZero();
    }

    @Test
    void factsStoredByAGatewayThatStoppedArePublishedByTheNext() {
        Outbox first = outbox();
        brokerAway = true;
        first.start();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(hand(first, "left-" + i));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> database.getCollection("outbox").countDocuments() == 50);
        first.stop();
        brokerAway = false;

        try (TopicProbe probe = TopicProbe.fromNow(infra, Topics.CALL_EVENTS)) {
            Outbox next = outbox();
            next.start();
            try {
                sent.add(hand(next, "after-restart"));
                assertThat(ids(collect(probe, 51))).containsExactlyElementsOf(sent);
            } finally {
                next.stop();
            }
        }
    }

    private Outbox outbox() {
        KafkaRelay kafkaRelay = new KafkaRelay(kafka);
        Outbox.Relay relay = facts -> brokerAway ? Set.of() : kafkaRelay.send(facts);
        return new Outbox(database, relay, new EnvelopeCodec(), new SimpleMeterRegistry());
    }

    private static String hand(Outbox outbox, String call) {
        Envelope envelope = Envelope.of(UUID.randomUUID(), Instant.now(), null,
                new CallEnded(TENANT, CallId.of(call), EndCause.CALLER_HANGUP));
        outbox.hand(envelope);
        return envelope.id().toString();
    }

    /** This test's envelopes among everything the probe has seen, once there are {@code count} (and a bit later). */
    private static List<Envelope> collect(TopicProbe probe, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> ours(probe.drain(Duration.ofMillis(300))).size() >= count);
        return ours(probe.drain(Duration.ofSeconds(1)));
    }

    private static List<Envelope> ours(List<Envelope> seen) {
        return seen.stream().filter(e -> e.tenant().equals(TENANT)).toList();
    }

    private static List<String> ids(List<Envelope> envelopes) {
        return envelopes.stream().map(e -> e.id().toString()).collect(Collectors.toList());
    }
}
