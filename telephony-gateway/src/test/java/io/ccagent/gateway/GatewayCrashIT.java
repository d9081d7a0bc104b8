package io.ccagent.gateway;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.CallRinging;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
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
import io.ccagent.contracts.wire.TypeHeader;
import io.ccagent.infra.embedded.FreePorts;
import io.ccagent.testkit.EventSender;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.TopicProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Issue 17: the gateway is killed (SIGKILL, no shutdown hook runs) with 20 callers waiting, four of them ringing a
 * phone each, and started again on the same database. Afterwards every caller has been answered 480, every call is
 * reported {@code CallEnded(FAILED)} exactly once, every phone that was ringing got a CANCEL, and offers the router
 * repeats for those calls (as it does until it has read their end) ring no phone again.
 *
 * <p>The gateway runs in a JVM of its own, started from this test's class path. It reads routing commands from a
 * topic of this test, so the shared test gateway (which ends offers for calls it does not hold) never sees them.
 */
class GatewayCrashIT {

    private static final Infrastructure infra = SharedInfrastructure.get();
    private static final int SIP_PORT = 15180;
    private static final int CALLER_PORT = 15181;
    private static final int REGISTRAR_CLIENT_PORT = 15186;
    private static final List<Integer> PHONE_PORTS = List.of(15182, 15183, 15184, 15185);
    private static final String TENANT = "crash.example.com";
    private static final Tenant T = Tenant.of(TENANT);
    private static final QueueId QUEUE = QueueId.of("8001", T);
    private static final String ROUTING_TOPIC = "routing.commands.crash-it";
    private static final String PASSWORD = "crash-secret";
    private static final int CALLERS = 20;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void gatewayKilledWithCallersWaitingEndsEachOnceCancelsRingingPhonesAndRingsNobodyAgain() throws Exception {
        String databaseName = "gateway-crash-it-" + UUID.randomUUID();
        new EventSender(infra).send(new QueueConfigured(QUEUE, "Crash", QueueType.RING_ALL, 30, 20, 300,
                UnansweredAction.STAY_IN_QUEUE, null, "UTC", "test"));
        List<Sipp> phones = new ArrayList<>();
        try (MongoClient mongo = MongoClients.create(infra.mongoUri());
             TopicProbe probe = TopicProbe.fromNow(infra, Topics.CALL_EVENTS);
             KafkaProducer<String, byte[]> router = router()) {
            MongoDatabase database = mongo.getDatabase(databaseName);
            GatewayProcess first = GatewayProcess.start(databaseName);
            Sipp callers;
            List<CallId> rung;
            try {
                first.awaitReady();
                Awaitility.await().atMost(WAIT)
                        .until(() -> database.getCollection("queues").find(eq("_id", QUEUE.toString())).first()
                                != null);
                for (int i = 0; i < PHONE_PORTS.size(); i++) {
                    phones.add(phone(first, i, probe));
                }
                callers = Sipp.scenario("caller-waits-through-restart").localPort(CALLER_PORT)
                        .target("127.0.0.1:" + SIP_PORT).key("dial", QUEUE.extension()).key("tenant", TENANT)
                        .load(CALLERS, 50, CALLERS, Duration.ofSeconds(150)).start();
                List<CallId> arrived = arrivals(probe);
                rung = arrived.subList(0, PHONE_PORTS.size());
                for (int i = 0; i < rung.size(); i++) {
                    offer(router, rung.get(i), i);
                }
                Awaitility.await().atMost(WAIT)
                        .until(() -> ringing(probe.drain(Duration.ofMillis(200))).containsAll(rung));
                Awaitility.await().atMost(WAIT).until(() ->
                        database.getCollection("calls_in_flight").countDocuments() == CALLERS
                                && database.getCollection("legs_in_flight").countDocuments() == rung.size());
            } finally {
                first.kill();
            }
            int seenBeforeRestart = probe.drain(Duration.ofMillis(500)).size();

            GatewayProcess second = GatewayProcess.start(databaseName);
            try {
                second.awaitReady();
                for (int i = 0; i < rung.size(); i++) {
                    offer(router, rung.get(i), i);
                }
                callers.awaitSuccess(WAIT);
                phones.forEach(phone -> phone.awaitSuccess(WAIT));
                List<CallId> all = calls(probe.drain(Duration.ZERO));
                Awaitility.await().atMost(WAIT)
                        .until(() -> ended(probe.drain(Duration.ofMillis(200))).keySet().containsAll(all));
                // time for a second end or a ring the repeated offers should not cause
                probe.drain(Duration.ofSeconds(3));
            } finally {
                second.stop();
                phones.forEach(Sipp::stop);
            }
            List<Envelope> seen = probe.drain(Duration.ofSeconds(1));
            List<CallId> all = calls(seen);
            assertThat(all).hasSize(CALLERS);
            Map<CallId, List<CallEnded>> ended = ended(seen);
            assertThat(ended.keySet()).containsExactlyInAnyOrderElementsOf(all);
            assertThat(ended.values()).allSatisfy(ends -> {
                assertThat(ends).as("ended exactly once").hasSize(1);
                assertThat(ends.get(0).cause()).isEqualTo(EndCause.FAILED);
            });
            assertThat(ringing(seen.subList(seenBeforeRestart, seen.size())))
                    .as("no phone rung after the restart").isEmpty();
            assertThat(database.getCollection("calls_in_flight").countDocuments()).isZero();
            assertThat(database.getCollection("legs_in_flight").countDocuments()).isZero();
            database.drop();
        }
    }

    /** A phone that rings for its call until cancelled, registered through the gateway. */
    private static Sipp phone(GatewayProcess gateway, int index, TopicProbe probe) {
        String device = device(index).name();
        gateway.internalHttp().put().uri("/tenants/{tenant}/devices/{device}", TENANT, device)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("agent", agent(index).toString(), "password", PASSWORD))
                .retrieve().toBodilessEntity();
        Sipp phone = Sipp.scenario("agent-rings-through-crash").localPort(PHONE_PORTS.get(index))
                .load(1, 1, 1, Duration.ofSeconds(200)).start();
        Sipp.scenario("register").localPort(REGISTRAR_CLIENT_PORT).target("127.0.0.1:" + SIP_PORT)
                .key("device", device).key("tenant", TENANT).key("contact_port", PHONE_PORTS.get(index))
                .key("expires", 300).credentials(device, PASSWORD).start().awaitSuccess(WAIT);
        probe.await(e -> e.data() instanceof DeviceRegistered registered && registered.device().equals(device(index)),
                WAIT);
        return phone;
    }

    private static void offer(KafkaProducer<String, byte[]> router, CallId call, int phone) throws Exception {
        Envelope envelope = Envelope.of(UUID.randomUUID(), Instant.now(), null, new OfferCall(T, call, QUEUE,
                List.of(new OfferTarget(device(phone), agent(phone))), 20, "+15551230000", null));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(ROUTING_TOPIC, envelope.key(),
                new EnvelopeCodec().encode(envelope));
        record.headers().add(TypeHeader.NAME, TypeHeader.valueOf(envelope));
        router.send(record).get();
    }

    private static KafkaProducer<String, byte[]> router() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static DeviceId device(int index) {
        return DeviceId.of("500" + (index + 1) + "a", T);
    }

    private static AgentId agent(int index) {
        return AgentId.of("500" + (index + 1), T);
    }

    /** The calls of this test in the order they arrived, once all of them did. */
    private static List<CallId> arrivals(TopicProbe probe) {
        Awaitility.await().atMost(WAIT).until(() -> calls(probe.drain(Duration.ofMillis(200))).size() >= CALLERS);
        return calls(probe.drain(Duration.ZERO));
    }

    private static List<CallId> calls(List<Envelope> seen) {
        return seen.stream().filter(e -> e.data() instanceof CallArrived arrived && QUEUE.equals(arrived.queue()))
                .map(e -> ((CallArrived) e.data()).call()).distinct().toList();
    }

    private static List<CallId> ringing(List<Envelope> seen) {
        return seen.stream().filter(e -> e.data() instanceof CallRinging ringing && ringing.tenant().equals(T))
                .map(e -> ((CallRinging) e.data()).call()).toList();
    }

    private static Map<CallId, List<CallEnded>> ended(List<Envelope> seen) {
        return seen.stream().filter(e -> e.data() instanceof CallEnded ended && ended.tenant().equals(T))
                .map(e -> (CallEnded) e.data()).collect(Collectors.groupingBy(CallEnded::call));
    }

    /** One gateway JVM: this test's class path, its own HTTP ports, the shared broker and MongoDB. */
    private record GatewayProcess(Process process, int httpPort, int internalPort, Path log) {

        static GatewayProcess start(String database) {
            int httpPort = FreePorts.next();
            int internalPort = FreePorts.next();
            try {
                Path log = Files.createTempFile("gateway-crash-it-", ".log");
                List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                        TelephonyGatewayApplication.class.getName(),
                        "--server.port=" + httpPort, "--gateway.http.internal-port=" + internalPort, "--LOG_FORMAT=",
                        "--gateway.sip.bind-host=127.0.0.1", "--gateway.sip.port=" + SIP_PORT,
                        "--spring.cloud.stream.bindings.routingCommands-in-0.destination=" + ROUTING_TOPIC,
                        "--spring.cloud.stream.bindings.routingCommands-in-0.group=telephony-gateway-crash-it",
                        "--spring.cloud.stream.bindings.queueEvents-in-0.group=telephony-gateway-crash-it",
                        "--KAFKA_BOOTSTRAP_SERVERS=" + infra.kafkaBootstrapServers(),
                        "--MONGODB_URI=" + infra.mongoUri(), "--MONGODB_DATABASE=" + database,
                        "--service-token.secret=" + ServiceTokensForTests.SECRET);
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .start();
                return new GatewayProcess(process, httpPort, internalPort, log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void awaitReady() {
            HttpClient http = HttpClient.newHttpClient();
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(process.isAlive()).as("gateway process alive; log %s", log).isTrue();
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                            + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        }

        RestClient internalHttp() {
            return RestClient.builder().baseUrl("http://127.0.0.1:" + internalPort)
                    .requestInterceptor(ServiceTokensForTests.asSystemOfPathTenant()).build();
        }

        /** SIGKILL: no shutdown hook, no graceful stop, nothing flushed. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed gateway exited").isTrue();
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
