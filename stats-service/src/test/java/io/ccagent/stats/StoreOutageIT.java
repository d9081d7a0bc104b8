package io.ccagent.stats;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.TypeHeader;
import io.ccagent.infra.embedded.EmbeddedMongoServer;
import io.ccagent.stats.agent.AgentViews.RecentCall;
import io.ccagent.stats.rebuild.RebuildStatus;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.SpringInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live consumption through what goes wrong in production, then a rebuild that must give exactly the live result:
 * MongoDB (a server of this test's own, persisted to disk) stops for 15 s in the middle of the load, and the day
 * carries a record keyed by the wrong tenant, a record that is not an envelope, and a garbled record of a type stats
 * does not read. Nothing may be lost, only the two bad records may reach the dead-letter topic, and every figure must
 * match the ground truth before and after the rebuild.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = {StatsServiceApplication.class,
        StatsServiceIT.FixedClock.class}, properties = "STATS_CONSUMER_GROUP=stats-outage-it")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreOutageIT {

    static final String GROUP = "stats-outage-it";
    static final Duration OUTAGE = Duration.ofSeconds(15);
    static final Path DATA = temporaryDirectory();
    static EmbeddedMongoServer mongo = EmbeddedMongoServer.persistent(DATA, 0);
    static final int MONGO_PORT = URI.create(mongo.connectionString()).getPort();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        registry.add("KAFKA_BOOTSTRAP_SERVERS", () -> SharedInfrastructure.get().kafkaBootstrapServers());
        registry.add("server.address", () -> SpringInfrastructure.LOOPBACK);
        // fail fast while the store is down, so the listener's retry (not the driver's wait) carries the outage
        registry.add("MONGODB_URI", () -> mongo.connectionString() + "/?serverSelectionTimeoutMS=1000");
        registry.add("MONGODB_DATABASE", () -> "stats_outage");
        registry.add("service-token.secret", () -> ServiceTokensForTests.SECRET);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @AfterAll
    void stopStore() {
        mongo.close();
    }

    @Test
    void nothingIsLostThroughAStoreOutageAndTheRebuildGivesEveryFigureLiveGave() throws InterruptedException {
        Infrastructure infrastructure = SharedInfrastructure.get();
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .requestInterceptor(ServiceTokensForTests.asSystemOfPathTenant()).build();
        Tenant tenant = Tenant.of("outage.example.com");
        CallDay day = CallDay.generate(11, tenant, 3_000, 12,
                StatsServiceIT.NOW.minus(Duration.ofHours(30)), StatsServiceIT.NOW);
        GroundTruth truth = new GroundTruth(day);
        List<Envelope> first = day.envelopes.subList(0, day.envelopes.size() / 2);
        List<Envelope> second = day.envelopes.subList(day.envelopes.size() / 2, day.envelopes.size());
        AgentId agent = day.agents.get(0).id();
        Envelope misKeyed = Envelope.of(UUID.randomUUID(), StatsServiceIT.NOW.minusSeconds(30), null,
                new OutboundPlaced(tenant, CallId.of("mis-keyed"), DeviceId.of(agent.extension() + "a", tenant), agent,
                        "+15550002", null));
        String poison = "{not an envelope, " + UUID.randomUUID();

        try (KafkaFeed feed = new KafkaFeed(infrastructure);
             KafkaProducer<String, byte[]> raw = producer(infrastructure);
             KafkaConsumer<byte[], byte[]> deadLetters = deadLetterConsumer(infrastructure)) {
            feed.publish(first);
            raw.send(new ProducerRecord<>(Topics.CALL_EVENTS, "someone-else.example.com",
                    new EnvelopeCodec().encode(misKeyed)));
            raw.send(new ProducerRecord<>(Topics.CALL_EVENTS, tenant.domain(), poison.getBytes(StandardCharsets.UTF_8)));
            ProducerRecord<String, byte[]> unread = new ProducerRecord<>(Topics.CALL_EVENTS, tenant.domain(),
                    "{garbled, but of a type stats skips".getBytes(StandardCharsets.UTF_8));
            unread.headers().add(TypeHeader.NAME, "call.Ringing".getBytes(StandardCharsets.UTF_8));
            raw.send(unread);
            raw.flush();

            mongo.close();
            feed.publish(second);
            Thread.sleep(OUTAGE.toMillis());
            mongo = EmbeddedMongoServer.persistent(DATA, MONGO_PORT);
            feed.awaitConsumed(GROUP, Duration.ofMinutes(3));

            assertThat(meters.counter("cca.stats.store.retries", "topic", Topics.CALL_EVENTS).count())
                    .as("store errors retried during the outage").isPositive();
            StatsServiceIT.assertMatchesTruth(http, day, truth);
            assertThat(http.get().uri("/tenants/" + tenant.domain() + "/agents/" + agent.extension() + "/recent-calls")
                    .retrieve().body(new ParameterizedTypeReference<List<RecentCall>>() {
                    })).extracting(RecentCall::call).doesNotContain("mis-keyed");
            assertThat(deadLettersOf(deadLetters, tenant.domain(), "someone-else.example.com"))
                    .containsExactlyInAnyOrder(new String(new EnvelopeCodec().encode(misKeyed), StandardCharsets.UTF_8),
                            poison);
            List<Object> live = StatsServiceIT.answers(http, day);

            http.post().uri("/admin/rebuild").retrieve().toBodilessEntity();
            RebuildStatus done = StatsServiceIT.awaitRebuild(http);
            assertThat(done.state()).isEqualTo("DONE");

            assertThat(StatsServiceIT.answers(http, day)).isEqualTo(live);
            StatsServiceIT.assertMatchesTruth(http, day, truth);
        }
    }

    /** The dead-lettered values whose key is one of {@code keys} (the topic is shared with other tests). */
    private static List<String> deadLettersOf(KafkaConsumer<byte[], byte[]> consumer, String... keys) {
        List<String> values = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                if (List.of(keys).contains(key)) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static KafkaProducer<String, byte[]> producer(Infrastructure infrastructure) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers()), new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> deadLetterConsumer(Infrastructure infrastructure) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-outage-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.deadLetter(Topics.CALL_EVENTS)));
        return consumer;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("stats-outage-mongo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
