package io.ccagent.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.local.LocalSystem;
import io.ccagent.system.sip.SippRun;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every series a Grafana panel or an alert rule queries is emitted: drives real calls through a SIP phone and the
 * router, status changes pushed to a live portal stream, then scrapes every service's /actuator/prometheus and
 * fails on any referenced metric that none of them exposes. Metrics of other exporters (Prometheus's own
 * {@code up}, the Kafka Exporter's {@code kafka_*}) are outside the services and not looked for.
 * <p>
 * It also prints each service's measured memory (heap, non-heap, direct buffers, resident set), the figures the
 * Kubernetes memory limits are sized from (docs/deploy.md).
 */
@ExtendWith(LocalSystemExtension.class)
class MetricsEndToEndIT {

    private static final List<String> SERVICES =
            List.of("agent-service", "queue-service", "stats-service", "telephony-gateway", "portal-bff");
    private static final List<String> OTHER_EXPORTERS_PREFIXES = List.of("kafka_");
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");

    private static final String TENANT = "metrics-e2e.example.com";
    private static final String AGENT = "3201";
    private static final String QUEUE = "8201";
    private static final String PASSWORD = "sip-3201-secret";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everySeriesADashboardPanelOrAnAlertRuleQueriesIsEmittedAfterRealTraffic(LocalSystem system) throws Exception {
        driveQueueCallsThroughAPhone(system);
        pushStatusChangesToALiveStream(system);

        Map<String, Set<String>> exposedByService = new LinkedHashMap<>();
        for (String service : SERVICES) {
            exposedByService.put(service, metricNames(get(system.url(service) + "/actuator/prometheus")));
        }
        printMemory(system);

        assertThat(sum(get(system.url("telephony-gateway") + "/actuator/prometheus"), "cca_gateway_calls_answered_total", ""))
                .as("queue calls the phone answered").isGreaterThanOrEqualTo(2);

        Set<String> exposed = exposedByService.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        List<ReferencedSeries.Reference> references = ReferencedSeries.all();
        assertThat(references).as("references found in the dashboards and rules").hasSizeGreaterThan(20);
        Set<String> missing = new TreeSet<>();
        references.stream()
                .filter(reference -> !PROMETHEUS_OWN.contains(reference.metric()))
                .filter(reference -> OTHER_EXPORTERS_PREFIXES.stream().noneMatch(reference.metric()::startsWith))
                .filter(reference -> !exposed.contains(reference.metric()))
                .forEach(reference -> missing.add(reference.metric() + "  (" + reference.source() + ")"));
        assertThat(missing).as("series queried by a panel or an alert rule that no service exposes").isEmpty();
    }

    /** A phone registers, goes Online with *51 and takes two queue calls: gateway, router and offer metrics. */
    private void driveQueueCallsThroughAPhone(LocalSystem system) throws Exception {
        SippRun.requireSipp();
        provision(system);
        String gateway = "127.0.0.1:" + system.sipPort();
        SippRun phone = SippRun.start("agent-answers", 16201, 2, null, List.of());
        try {
            SippRun.start("register", 16202, 1, gateway, List.of("device", AGENT, "tenant", TENANT,
                    "contact_port", "16201", "expires", "300"), "-au", AGENT, "-ap", PASSWORD, "-auth_uri", TENANT)
                    .awaitSuccess(WAIT);
            SippRun.start("star-code", 16203, 1, gateway, List.of("device", AGENT, "tenant", TENANT, "dial", "*51",
                    "rtp_port", "16220"), "-au", AGENT, "-ap", PASSWORD, "-auth_uri", "*51@" + TENANT).awaitSuccess(WAIT);
            for (int port : List.of(16204, 16205)) {
                SippRun.start("caller-hangs-up", port, 1, gateway, List.of("dial", QUEUE, "tenant", TENANT))
                        .awaitSuccess(WAIT);
            }
            // not awaitSuccess: agent-answers.xml checks the gateway's Via against the SIP port of the gateway's own
            // tests (15070); that the two calls were answered is checked below from the gateway's metrics
            phone.awaitFinished(WAIT);
        } finally {
            phone.stop();
        }
    }

    /** A demo agent changes status while a colleague's live stream is open: status and push metrics. */
    private static void pushStatusChangesToALiveStream(LocalSystem system) throws InterruptedException {
        try (PortalSession agent = PortalSession.signIn(system.portalUrl(), "1003@xyzcorporation.com", "demo-1003");
             PortalSession colleague = PortalSession.signIn(system.portalUrl(), "1100@xyzcorporation.com", "demo-1100")) {
            BlockingQueue<String> stream = colleague.openLiveStream();
            Thread.sleep(500);
            for (String status : List.of("LUNCH", "ONLINE", "OFFLINE")) {
                assertThat(agent.postJson("/api/me/status", Map.of("status", status))).isEqualTo(200);
                awaitPushed(stream, status);
            }
        }
    }

    private static void awaitPushed(BlockingQueue<String> stream, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = stream.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.contains("agent.StatusChanged") && line.contains("\"to\":\"" + status + "\"")) {
                return;
            }
        }
        throw new AssertionError("the live stream did not receive the change to " + status);
    }

    private void provision(LocalSystem system) throws Exception {
        put(system, system.url("telephony-gateway") + "/tenants/" + TENANT + "/devices/" + AGENT,
                Map.of("agent", AGENT + "@" + TENANT, "password", PASSWORD));
        put(system, system.url("agent-service") + "/tenants/" + TENANT + "/agents/" + AGENT, Map.of(
                "name", "Metrics Agent",
                "email", AGENT + "@" + TENANT, "devices", List.of(AGENT), "timeZone", "UTC"));
        send(system, "POST", system.url("queue-service") + "/tenants/" + TENANT + "/queues", Map.of(
                "extension", QUEUE, "name", "Metrics",
                "type", "ROUND_ROBIN", "wrapUpSeconds", 0, "agentRingTimeoutSeconds", 20,
                "queueRingTimeoutSeconds", 300, "unansweredAction", "STAY_IN_QUEUE", "timeZone", "UTC"));
        put(system, system.url("queue-service") + "/tenants/" + TENANT + "/queues/" + QUEUE + "/members/" + AGENT,
                Map.of("agent", AGENT + "@" + TENANT, "priority", 1, "order", 1, "tier", 1));
    }

    private void put(LocalSystem system, String url, Map<String, ?> body) throws Exception {
        send(system, "PUT", url, body);
    }

    private void send(LocalSystem system, String method, String url, Map<String, ?> body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .header("Authorization", system.serviceTokens().authorization(
                                new Actor(TENANT, "metrics-test", Role.SYSTEM)))
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isLessThan(300);
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return response.body();
    }

    /** The metric names of a Prometheus text exposition (every sample line's name). */
    static Set<String> metricNames(String exposition) {
        return exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Prints heap, non-heap and resident memory per service: the basis of the memory limits in deploy/k8s. */
    private void printMemory(LocalSystem system) throws Exception {
        for (String service : SERVICES) {
            String metrics = get(system.url(service) + "/actuator/prometheus");
            System.out.printf("MEMORY %s heap-used %d MB, non-heap-used %d MB, non-heap-committed %d MB,"
                            + " direct-buffers %d MB, threads %d, rss %s%n", service,
                    sum(metrics, "jvm_memory_used_bytes", "area=\"heap\"") >> 20,
                    sum(metrics, "jvm_memory_used_bytes", "area=\"nonheap\"") >> 20,
                    sum(metrics, "jvm_memory_committed_bytes", "area=\"nonheap\"") >> 20,
                    sum(metrics, "jvm_buffer_memory_used_bytes", "id=\"direct\"") >> 20,
                    sum(metrics, "jvm_threads_live_threads", ""),
                    residentSetOfPortOwner(URI.create(system.url(service)).getPort()));
        }
    }

    private static long sum(String exposition, String metric, String labelFilter) {
        return (long) exposition.lines().filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> line.contains(labelFilter))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** VmRSS of the process listening on the port, found through /proc; "unknown" where that is not readable. */
    private static String residentSetOfPortOwner(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Htlnp", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes());
            Matcher pid = Pattern.compile("pid=(\\d+)").matcher(out);
            if (!pid.find()) {
                return "unknown";
            }
            return Files.readAllLines(Path.of("/proc", pid.group(1), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> line.substring(6).trim()).findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
