package io.ccagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEvent;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.gateway.queues.QueueDirectory;
import io.ccagent.gateway.web.InternalListener;
import io.ccagent.infra.embedded.EmbeddedKafkaBroker;
import io.ccagent.infra.embedded.FreePorts;
import io.ccagent.testkit.EventSender;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Issue 17: the Kafka broker is stopped for three minutes (far longer than the producer's 15 s delivery timeout)
 * while callers arrive and hang up and a phone registers. SIP keeps answering within sipp's 3 s receive timeout
 * throughout (no SIP thread waits for Kafka), the facts wait in the outbox, and once the broker is back every one
 * of them is on {@code call.events} exactly once.
 *
 * <p>The broker is this test's own (a real embedded Kafka broker it stops and starts again on the same data and
 * ports), never the shared one other tests use; MongoDB is the shared one, with a database of this test.
 */
class BrokerOutageIT {

    private static final Infrastructure shared = SharedInfrastructure.get();
    private static final Duration OUTAGE = Duration.ofMinutes(3);
    private static final int SIP_PORT = 15200;
    private static final String TENANT = "outage.example.com";
    private static final QueueId QUEUE = QueueId.of("8001", Tenant.of(TENANT));
    private static final int CALLS_BEFORE = 5;
    private static final int CALLS_DURING = 30;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private record OwnBroker(String kafkaBootstrapServers, String mongoUri, String mode) implements Infrastructure {
    }

    @Test
    void everyCallFactOfAThreeMinuteBrokerOutageIsPublishedOnceItIsBackAndSipNeverWaits() throws Exception {
        Path data = Files.createTempDirectory("gateway-outage-kafka");
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data, port, controllerPort);
        Infrastructure own = new OwnBroker(broker.bootstrapServers(), shared.mongoUri(), "embedded, own broker");
        String databaseName = "gateway-outage-it-" + UUID.randomUUID();
        try (EventSender sender = new EventSender(own)) {
            sender.send(new QueueConfigured(QUEUE, "Outage", QueueType.RING_ALL, 30, 20, 300,
                    UnansweredAction.STAY_IN_QUEUE, null, "UTC", "test"));
        }
        ConfigurableApplicationContext gateway = start(own, databaseName);
        try (MongoClient mongo = MongoClients.create(shared.mongoUri())) {
            MongoDatabase database = mongo.getDatabase(databaseName);
            Awaitility.await().atMost(WAIT).until(() -> gateway.getBean(QueueDirectory.class).isQueue(QUEUE));
            internalHttp(gateway).put().uri("/tenants/{tenant}/devices/{device}", TENANT, "6001a")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("agent", "6001@" + TENANT, "password", "outage-secret"))
                    .retrieve().toBodilessEntity();
            callers(15201, CALLS_BEFORE).awaitSuccess(WAIT);
            Awaitility.await().atMost(WAIT).until(() -> database.getCollection("outbox").countDocuments() == 0);

            broker.close();
            Instant stopped = Instant.now();
            Sipp during = callers(15202, CALLS_DURING);
            Sipp.scenario("register").localPort(15203).target("127.0.0.1:" + SIP_PORT)
                    .key("device", "6001a").key("tenant", TENANT).key("contact_port", 15204).key("expires", 300)
                    .credentials("6001a", "outage-secret").recvTimeout(Duration.ofSeconds(3)).start()
                    .awaitSuccess(WAIT);
            during.awaitSuccess(WAIT);
            int expectedStored = CALLS_DURING * 2 + 1;
            Awaitility.await().atMost(WAIT)
                    .until(() -> database.getCollection("outbox").countDocuments() == expectedStored);

            Thread.sleep(Math.max(0, Duration.between(Instant.now(), stopped.plus(OUTAGE)).toMillis()));
            broker = EmbeddedKafkaBroker.start(data, port, controllerPort);

            int expected = (CALLS_BEFORE + CALLS_DURING) * 2 + 1;
            try (TopicProbe probe = TopicProbe.fromStart(own, Topics.CALL_EVENTS)) {
                Awaitility.await().atMost(WAIT)
                        .until(() -> ours(probe.drain(Duration.ofMillis(300))).size() >= expected);
                List<Envelope> facts = ours(probe.drain(Duration.ofSeconds(5)));

                assertThat(facts).as("every fact once, none twice").hasSize(expected);
                assertThat(facts.stream().map(Envelope::id).distinct()).hasSize(expected);
                Map<CallId, List<String>> byCall = facts.stream().filter(e -> !(e.data() instanceof DeviceRegistered))
                        .collect(Collectors.groupingBy(e -> ((CallEvent) e.data()).call(),
                                Collectors.mapping(e -> e.data().getClass().getSimpleName(), Collectors.toList())));
                assertThat(byCall).hasSize(CALLS_BEFORE + CALLS_DURING);
                assertThat(byCall.values()).allSatisfy(types -> assertThat(types)
                        .containsExactly(CallArrived.class.getSimpleName(), CallAbandoned.class.getSimpleName()));
                assertThat(facts).filteredOn(e -> e.data() instanceof DeviceRegistered).hasSize(1);
            }
            Awaitility.await().atMost(WAIT).until(() -> database.getCollection("outbox").countDocuments() == 0);
            database.drop();
        } finally {
            gateway.close();
            broker.close();
        }
    }

    /** Outside callers who wait a second in the queue and hang up; every answer must come within 3 s. */
    private static Sipp callers(int localPort, int calls) {
        return Sipp.scenario("caller-abandons").localPort(localPort).target("127.0.0.1:" + SIP_PORT)
                .key("dial", QUEUE.extension()).key("tenant", TENANT).pause(Duration.ofSeconds(1))
                .recvTimeout(Duration.ofSeconds(3)).load(calls, 2, calls, WAIT).start();
    }

    private static List<Envelope> ours(List<Envelope> seen) {
        return seen.stream().filter(e -> e.tenant().equals(Tenant.of(TENANT))).toList();
    }

    private static RestClient internalHttp(ConfigurableApplicationContext gateway) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + gateway.getBean(InternalListener.class).port())
                .requestInterceptor(ServiceTokensForTests.asSystemOfPathTenant()).build();
    }

    private static ConfigurableApplicationContext start(Infrastructure own, String database) {
        return new SpringApplicationBuilder(TelephonyGatewayApplication.class).run(
                "--server.port=0", "--gateway.http.internal-port=0", "--LOG_FORMAT=",
                "--gateway.sip.bind-host=127.0.0.1", "--gateway.sip.port=" + SIP_PORT,
                "--spring.cloud.function.definition=queueEvents",
                "--KAFKA_BOOTSTRAP_SERVERS=" + own.kafkaBootstrapServers(),
                "--MONGODB_URI=" + own.mongoUri(), "--MONGODB_DATABASE=" + database,
                "--service-token.secret=" + ServiceTokensForTests.SECRET);
    }
}
