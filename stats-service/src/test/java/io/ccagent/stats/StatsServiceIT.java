package io.ccagent.stats;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.OutboundPlaced;
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
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.agent.AgentViews.Graphs;
import io.ccagent.stats.agent.AgentViews.RecentCall;
import io.ccagent.stats.agent.AgentViews.Statistics;
import io.ccagent.stats.queue.QueueStatistics;
import io.ccagent.stats.rebuild.RebuildStatus;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.MutableClock;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.SpringInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * stats-service on a real Kafka broker and MongoDB: a random day of calls is published, and every figure the API
 * serves is compared with the ground truth computed from the generated calls themselves; then the projections are
 * rebuilt from the log and must serve exactly the same answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = {StatsServiceApplication.class,
        StatsServiceIT.FixedClock.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsServiceIT {

    static final Instant NOW = Instant.parse("2026-03-29T10:00:00Z");
    static final String GROUP = "stats-service";
    static final int CALLS = Integer.getInteger("stats.it.calls", 10_000);

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(NOW);
        }
    }

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, "stats_it");
    }

    @LocalServerPort
    int port;

    Infrastructure infrastructure;
    KafkaFeed feed;
    RestClient http;

    @BeforeAll
    void connect() {
        infrastructure = SharedInfrastructure.get();
        feed = new KafkaFeed(infrastructure);
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .requestInterceptor(ServiceTokensForTests.asSystemOfPathTenant()).build();
    }

    @AfterAll
    void disconnect() {
        feed.close();
    }

    @Test
    void everyFigureMatchesTheGroundTruthAndARebuildServesTheSame() {
        CallDay day = CallDay.generate(42, Tenant.of("truth.example.com"), CALLS, 40,
                NOW.minus(Duration.ofHours(40)), NOW);
        GroundTruth truth = new GroundTruth(day);

        long started = System.nanoTime();
        feed.publish(day.envelopes);
        feed.awaitConsumed(GROUP, Duration.ofMinutes(5));
        System.out.printf("ground truth: %d calls, %d records projected in %d ms (%s infrastructure)%n",
                day.calls.size(), day.envelopes.size(), (System.nanoTime() - started) / 1_000_000, infrastructure.mode());

        List<Object> live = answers(http, day);
        assertMatchesTruth(http, day, truth);

        RebuildStatus accepted = http.post().uri("/admin/rebuild").retrieve().body(RebuildStatus.class);
        assertThat(accepted.state()).isEqualTo("RUNNING");
        RebuildStatus done = awaitRebuild(http);
        assertThat(done.state()).isEqualTo("DONE");
        assertThat(done.records()).isGreaterThanOrEqualTo(day.envelopes.size());

        assertThat(answers(http, day)).isEqualTo(live);
        assertMatchesTruth(http, day, truth);
    }

    @Test
    void theSameRecordsTwiceChangeNothing() {
        CallDay day = CallDay.generate(7, Tenant.of("twice.example.com"), 1_000, 8,
                NOW.minus(Duration.ofHours(30)), NOW);
        GroundTruth truth = new GroundTruth(day);

        feed.publish(day.envelopes);
        feed.awaitConsumed(GROUP, Duration.ofMinutes(2));
        List<Object> once = answers(http, day);
        feed.publish(day.envelopes);
        feed.awaitConsumed(GROUP, Duration.ofMinutes(2));

        assertThat(answers(http, day)).isEqualTo(once);
        assertMatchesTruth(http, day, truth);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        Tenant tenant = Tenant.of("poison.example.com");
        AgentId agent = AgentId.of("1002", tenant);
        try (KafkaConsumer<byte[], byte[]> deadLetters = deadLetterConsumer()) {
            feed.send(outbound(tenant, agent, "before-poison"));
            feed.send(Topics.CALL_EVENTS, tenant.domain(), "{not an envelope".getBytes(StandardCharsets.UTF_8));
            feed.send(outbound(tenant, agent, "after-poison"));
            feed.publish(List.of());
            feed.awaitConsumed(GROUP, Duration.ofMinutes(1));

            assertThat(get("/tenants/poison.example.com/agents/1002/recent-calls", new ParameterizedTypeReference<List<RecentCall>>() {
            })).extracting(RecentCall::call).containsExactlyInAnyOrder("before-poison", "after-poison");
            List<String> dead = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (dead.isEmpty() && Instant.now().isBefore(deadline)) {
                dead.addAll(deadLettersOf(tenant, deadLetters.poll(Duration.ofMillis(200))));
            }
            dead.addAll(deadLettersOf(tenant, deadLetters.poll(Duration.ofSeconds(1))));
            assertThat(dead).containsExactly("{not an envelope");
        }
    }

    /**
     * The wallboard's statistics at the size of issue 13: 50 queues with 100 members each, half of every queue
     * available, as queue-service's events and the router's facts bring them.
     */
    @Test
    void aTenantOfFiftyQueuesAndFiveThousandMembersGetsTheFiguresOfEveryQueue() {
        Tenant tenant = Tenant.of("wallboard.example.com");
        int queues = 50;
        int agents = 5_000;
        Instant provisioned = NOW.minus(Duration.ofHours(1));
        List<Envelope> envelopes = new ArrayList<>();
        List<QueueStatistics> expected = new ArrayList<>();
        for (int queue = 0; queue < queues; queue++) {
            QueueId id = QueueId.of(String.valueOf(8000 + queue), tenant);
            envelopes.add(Envelope.of(UUID.randomUUID(), provisioned, null, new QueueConfigured(id, "Queue " + queue,
                    QueueType.ROUND_ROBIN, 10, 20, 300, UnansweredAction.STAY_IN_QUEUE, null, "UTC", "it")));
            expected.add(new QueueStatistics(id.toString(), "Queue " + queue, "UTC", NOW.truncatedTo(ChronoUnit.DAYS),
                    0, 0, 0, 100.0, 0, 0, 0, Map.of("AVAILABLE", 50L, UnavailableReason.STATUS.name(), 50L)));
        }
        for (int agent = 0; agent < agents; agent++) {
            AgentId id = AgentId.of(String.valueOf(10_000 + agent), tenant);
            QueueId queue = QueueId.of(String.valueOf(8000 + agent % queues), tenant);
            boolean online = agent / queues % 2 == 0;
            envelopes.add(Envelope.of(UUID.randomUUID(), provisioned, null, new QueueMemberAdded(queue,
                    DeviceId.of(id.extension() + "a", tenant), id, 1, 1, 1, "it")));
            envelopes.add(Envelope.of(UUID.randomUUID(), provisioned.plusSeconds(1), null,
                    new AgentAvailabilityChanged(id, List.of(new AgentAvailabilityChanged.QueueAvailability(queue,
                            online, online ? UnavailableReason.NONE : UnavailableReason.STATUS, null,
                            online ? List.of() : List.of(UnavailableReason.STATUS))))));
        }

        feed.publish(envelopes);
        feed.awaitConsumed(GROUP, Duration.ofMinutes(2));

        assertThat(get("/tenants/" + tenant.domain() + "/queues/statistics?serviceLevelSeconds=20",
                new ParameterizedTypeReference<List<QueueStatistics>>() {
                })).isEqualTo(expected);

        // counts are cached by the queue row's version: the next change of availability shows at once
        QueueId first = QueueId.of("8000", tenant);
        List<Envelope> onCall = new ArrayList<>();
        for (int agent = 0; agent < 10; agent++) {
            onCall.add(Envelope.of(UUID.randomUUID(), provisioned.plusSeconds(60), null, new AgentAvailabilityChanged(
                    AgentId.of(String.valueOf(10_000 + agent * queues), tenant), List.of(
                    new AgentAvailabilityChanged.QueueAvailability(first, false, UnavailableReason.ON_CALL, null,
                            List.of(UnavailableReason.ON_CALL))))));
        }
        feed.publish(onCall);
        feed.awaitConsumed(GROUP, Duration.ofMinutes(2));
        expected.set(0, new QueueStatistics(first.toString(), "Queue 0", "UTC", NOW.truncatedTo(ChronoUnit.DAYS), 0, 0,
                0, 100.0, 0, 0, 0, Map.of("AVAILABLE", 45L, UnavailableReason.STATUS.name(), 45L,
                UnavailableReason.ON_CALL.name(), 10L)));
        assertThat(get("/tenants/" + tenant.domain() + "/queues/statistics?serviceLevelSeconds=20",
                new ParameterizedTypeReference<List<QueueStatistics>>() {
                })).isEqualTo(expected);
    }

    @Test
    void badParametersAreRefusedWithProblemDetails() {
        assertProblem("/tenants/x.example.com/agents/1002/statistics?from=yesterday&to=2026-03-29T00:00:00Z", "from must be");
        assertProblem("/tenants/x.example.com/agents/1002/statistics?from=2026-03-29T00:00:00Z&to=2026-03-28T00:00:00Z",
                "from must be before to");
        assertProblem("/tenants/x.example.com/agents/1002/statistics?from=2026-03-29T00:00:00Z", "both from and to");
        assertProblem("/tenants/x.example.com/agents/1002/recent-calls?limit=51", "limit must be between 1 and 50");
        assertProblem("/tenants/x.example.com/agents/1002/recent-calls?limit=many", "limit must be a whole number");
        assertProblem("/tenants/x.example.com/queues/statistics?serviceLevelSeconds=0", "serviceLevelSeconds");
        assertProblem("/tenants/not_a_domain!/agents/1002/graphs", "not a valid domain");
        assertProblem("/tenants/x.example.com/agents/10 02/graphs", "not a valid extension");
    }

    static void assertMatchesTruth(RestClient http, CallDay day, GroundTruth truth) {
        String tenant = day.tenant.domain();
        Instant periodFrom = NOW.minus(Duration.ofHours(33));
        Instant periodTo = NOW.minus(Duration.ofHours(9));
        for (CallDay.Agent agent : day.agents) {
            String base = "/tenants/" + tenant + "/agents/" + agent.id().extension();
            assertThat(get(http, base + "/graphs", Graphs.class)).as("graphs of %s", agent.id()).isEqualTo(truth.graphs(agent));
            assertThat(get(http, base + "/statistics", Statistics.class)).as("today of %s", agent.id())
                    .isEqualTo(truth.today(agent));
            assertThat(get(http, base + "/statistics?from=" + periodFrom + "&to=" + periodTo, Statistics.class))
                    .as("period of %s", agent.id()).isEqualTo(truth.statistics(agent, periodFrom, periodTo));
            assertThat(get(http, base + "/recent-calls", new ParameterizedTypeReference<List<RecentCall>>() {
            })).as("recent calls of %s", agent.id()).isEqualTo(truth.recentCalls(agent.id(), 50));
        }
        for (int serviceLevel : new int[]{20, 45}) {
            assertThat(get(http, "/tenants/" + tenant + "/queues/statistics?serviceLevelSeconds=" + serviceLevel,
                    new ParameterizedTypeReference<List<QueueStatistics>>() {
                    })).as("queues, service level %d s", serviceLevel).isEqualTo(truth.queueStatistics(serviceLevel));
        }
    }

    /** Every answer the API gives about the day's tenant, as raw JSON. */
    static List<Object> answers(RestClient http, CallDay day) {
        List<Object> answers = new ArrayList<>();
        String tenant = day.tenant.domain();
        for (CallDay.Agent agent : day.agents) {
            String base = "/tenants/" + tenant + "/agents/" + agent.id().extension();
            answers.add(get(http, base + "/graphs", String.class));
            answers.add(get(http, base + "/statistics", String.class));
            answers.add(get(http, base + "/recent-calls", String.class));
        }
        answers.add(get(http, "/tenants/" + tenant + "/queues/statistics", String.class));
        return answers;
    }

    static RebuildStatus awaitRebuild(RestClient http) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        RebuildStatus status = http.get().uri("/admin/rebuild").retrieve().body(RebuildStatus.class);
        while ("RUNNING".equals(status.state()) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            status = http.get().uri("/admin/rebuild").retrieve().body(RebuildStatus.class);
        }
        return status;
    }

    private <T> T get(String path, Class<T> type) {
        return get(http, path, type);
    }

    private <T> T get(String path, ParameterizedTypeReference<T> type) {
        return get(http, path, type);
    }

    private static <T> T get(RestClient http, String path, Class<T> type) {
        return http.get().uri(path).retrieve().body(type);
    }

    private static <T> T get(RestClient http, String path, ParameterizedTypeReference<T> type) {
        return http.get().uri(path).retrieve().body(type);
    }

    private void assertProblem(String path, String detail) {
        ResponseEntity<Map<String, Object>> response = http.get().uri(java.net.URI.create("http://localhost:" + port
                        + path.replace(" ", "%20").replace("!", "%21")))
                .exchange((request, answer) -> ResponseEntity.status(answer.getStatusCode())
                        .headers(answer.getHeaders())
                        .body(answer.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() {
                        })));
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatusCode.valueOf(400));
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat((String) response.getBody().get("detail")).as(path).contains(detail);
    }

    private static Envelope outbound(Tenant tenant, AgentId agent, String call) {
        return Envelope.of(UUID.randomUUID(), NOW.minusSeconds(60), null, new OutboundPlaced(tenant, CallId.of(call),
                DeviceId.of("1002a", tenant), agent, "+15550001", null));
    }

    /** The values keyed by the tenant: the dead-letter topic is shared with the other tests on this broker. */
    private static List<String> deadLettersOf(Tenant tenant, Iterable<ConsumerRecord<byte[], byte[]>> records) {
        List<String> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.key() != null && tenant.domain().equals(new String(record.key(), StandardCharsets.UTF_8))) {
                values.add(new String(record.value(), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private KafkaConsumer<byte[], byte[]> deadLetterConsumer() {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.deadLetter(Topics.CALL_EVENTS)));
        return consumer;
    }
}
