package io.ccagent.harness.push;

import io.ccagent.harness.report.Report;
import io.ccagent.harness.system.HarnessSystem;
import io.ccagent.harness.system.Http;
import io.ccagent.harness.system.PortalSession;
import io.ccagent.harness.system.ResidentMemory;
import io.ccagent.harness.system.ScrapedHistogram;
import io.ccagent.harness.traffic.Percentiles;
import io.ccagent.local.DemoTenant;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Status change through the portal API -> received on N concurrent live streams of the same tenant (a supervisor's
 * browser tabs, which see the whole tenant). Two latencies per stream and change: the agent's StatusChanged event, and
 * the first AvailabilityChanged of that agent (what turns the per-queue dots red or green).
 */
public final class LivePushBenchmark {

    private static final Duration WAIT_PER_CHANGE = Duration.ofSeconds(15);

    private final Portal portal;
    private final Report report;
    private final int clients;
    private final int changes;
    private final int warmUp;

    /**
     * The portal under test: its address, the tenant whose users sign in, and the resident memory of its process.
     *
     * @param residentMemoryMiB -1 when the process is not found
     */
    public record Portal(String url, DemoTenant tenant, LongSupplier residentMemoryMiB) {

        /** The portal of a runtime the harness started in its own JVM. */
        public static Portal of(HarnessSystem system) {
            return new Portal(system.url("portal-bff"), system.tenant(),
                    () -> system.residentMemoryMiB().get("portal-bff"));
        }

        /** The portal of a local runtime running in a process of its own, with the demo tenant seeded. */
        public static Portal attached(String url, Path repositoryRoot) {
            return new Portal(url, DemoTenant.load(), () -> HarnessSystem.processOf(repositoryRoot, "portal-bff")
                    .map(process -> ResidentMemory.ofPid(process.pid())).orElse(-1L));
        }
    }

    /**
     * @param warmUp status changes made first and not measured (rounded up to an even number, so the first measured
     *               change is a change), for the services' compilers to reach the path's steady state
     */
    public LivePushBenchmark(Portal portal, Report report, int clients, int changes, int warmUp) {
        this.portal = portal;
        this.report = report;
        this.clients = clients;
        this.changes = changes;
        this.warmUp = warmUp + warmUp % 2;
    }

    /** What one run measured: streams opened and connected, StatusChanged events received of those expected. */
    public record Result(int streams, int warmUp, int connected, int received, int expected, long p50Millis,
                         long p99Millis) {

        public String benchLine() {
            return String.format("BENCH push streams=%d warm_up=%d connected=%d received=%d expected=%d p50_ms=%d "
                    + "p99_ms=%d", streams, warmUp, connected, received, expected, p50Millis, p99Millis);
        }
    }

    public Result run() {
        report.section("Live push: status change -> " + clients + " concurrent live streams");
        DemoTenant demo = portal.tenant();
        DemoTenant.User supervisor = demo.users().stream().filter(u -> u.scope().equals("SUPERVISOR")).findFirst().orElseThrow();
        DemoTenant.User agent = demo.users().stream().filter(DemoTenant.User::isAgent).findFirst().orElseThrow();
        String agentId = agent.login(demo.domain());
        PortalSession watcher;
        PortalSession actor;
        try {
            watcher = PortalSession.signIn(portal.url(), supervisor.login(demo.domain()), supervisor.password());
            actor = PortalSession.signIn(portal.url(), agent.login(demo.domain()), agent.password());
        } catch (RuntimeException e) {
            report.finding("live push: sign-in failed, not measured: %s", e.getMessage());
            return new Result(clients, warmUp, 0, 0, 0, -1, -1);
        }
        AtomicReference<String> expectedStatus = new AtomicReference<>("");
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicLong changedAt = new AtomicLong();
        // 100,000 samples added from the streams' threads: a copy-on-write list copied itself for every one of them,
        // and the measuring JVM's collection pauses went into the figures
        List<Long> statusLatencies = Collections.synchronizedList(new ArrayList<>());
        List<Long> availabilityLatencies = Collections.synchronizedList(new ArrayList<>());
        ConcurrentHashMap<Integer, String> statusSeen = new ConcurrentHashMap<>();
        ConcurrentHashMap<Integer, String> availabilitySeen = new ConcurrentHashMap<>();
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger broken = new AtomicInteger();
        AtomicReference<String> firstBreak = new AtomicReference<>();
        List<CompletableFuture<?>> streams = new ArrayList<>();
        Instant opening = Instant.now();
        for (int i = 0; i < clients; i++) {
            int stream = i;
            streams.add(watcher.openLiveStream(line -> {
                if (line.startsWith("event:hello") || line.startsWith("event: hello")) {
                    connected.incrementAndGet();
                } else if (line.startsWith("error:") || line.equals("closed")) {
                    broken.incrementAndGet();
                    firstBreak.compareAndSet(null, "stream " + stream + ", " + Duration.between(opening, Instant.now())
                            .toSeconds() + " s after the first stream was opened: " + line);
                } else if (measuring.get() && line.startsWith("data:") && line.contains(agentId)) {
                    String round = expectedStatus.get();
                    long latency = (System.nanoTime() - changedAt.get()) / 1_000_000;
                    if (line.contains("StatusChanged") && line.contains("\"to\":\"" + round + "\"")
                            && !round.equals(statusSeen.put(stream, round))) {
                        statusLatencies.add(latency);
                    }
                    if (line.contains("AvailabilityChanged") && !round.equals(availabilitySeen.put(stream, round))) {
                        availabilityLatencies.add(latency);
                    }
                }
            }));
        }
        Instant deadline = Instant.now().plusSeconds(120);
        while (connected.get() + broken.get() < clients && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(200));
        }
        report.line("streams connected: %d of %d (%d broken)", connected.get(), clients, broken.get());
        for (int change = 0; change < warmUp; change++) {
            actor.json("POST", "/api/me/status", "{\"status\":\"" + (change % 2 == 0 ? "BREAK" : "ONLINE") + "\"}");
            sleep(Duration.ofMillis(300));
        }
        if (warmUp > 0) {
            report.line("warm-up: %d status changes, not measured", warmUp);
            sleep(Duration.ofSeconds(2));
        }
        measuring.set(true);
        String metricsBefore = portalMetrics();
        List<Long> answerTimes = new ArrayList<>();
        List<String> shortChanges = new ArrayList<>();
        for (int change = 0; change < changes; change++) {
            String status = change % 2 == 0 ? "BREAK" : "ONLINE";
            int statusBefore = statusLatencies.size();
            expectedStatus.set(status);
            changedAt.set(System.nanoTime());
            Http.Answer answer = actor.json("POST", "/api/me/status", "{\"status\":\"" + status + "\"}");
            answerTimes.add((System.nanoTime() - changedAt.get()) / 1_000_000);
            if (!answer.is2xx()) {
                report.finding("live push: status change answered %d: %s", answer.status(), answer.body());
                break;
            }
            Instant until = Instant.now().plus(WAIT_PER_CHANGE);
            // a stream that broke will not receive it: waiting for it would cost the full wait on every change
            while (statusLatencies.size() - statusBefore < connected.get() - broken.get()
                    && Instant.now().isBefore(until)) {
                sleep(Duration.ofMillis(20));
            }
            sleep(Duration.ofMillis(500));
            int receivedNow = statusLatencies.size() - statusBefore;
            if (receivedNow < connected.get()) {
                shortChanges.add("#" + change + " " + receivedNow + " (" + broken.get() + " broken)");
            }
        }
        int expected = connected.get() * changes;
        List<Long> status = copyOf(statusLatencies);
        List<Long> availability = copyOf(availabilityLatencies);
        report.line("StatusChanged received: %d of %d (streams x changes); p50 %d ms, p99 %d ms, max %d ms",
                status.size(), expected, Percentiles.of(status, 50), Percentiles.of(status, 99),
                Percentiles.of(status, 100));
        report.line("first AvailabilityChanged of the agent received: %d; p50 %d ms, p99 %d ms, max %d ms",
                availability.size(), Percentiles.of(availability, 50), Percentiles.of(availability, 99),
                Percentiles.of(availability, 100));
        String metricsAfter = portalMetrics();
        stages(metricsBefore, metricsAfter, answerTimes);
        report.line("streams broken by the end: %d; portal-bff dropped streams over the changes: %.0f", broken.get(),
                counter(metricsAfter, "cca_portal_live_dropped_total") - counter(metricsBefore,
                        "cca_portal_live_dropped_total"));
        if (firstBreak.get() != null) {
            report.line("first stream to break: %s", firstBreak.get());
        }
        if (!shortChanges.isEmpty()) {
            report.line("changes not received by every stream (received by): %s", String.join(", ", shortChanges));
        }
        if (status.size() < expected) {
            report.finding("live push: %d of %d expected status events never arrived within %d s", expected
                    - status.size(), expected, WAIT_PER_CHANGE.toSeconds());
        }
        report.line("portal-bff RSS with %d streams open: %d MiB", clients, portal.residentMemoryMiB().getAsLong());
        streams.forEach(stream -> stream.cancel(true));
        return new Result(clients, warmUp, connected.get(), status.size(), expected, Percentiles.of(status, 50),
                Percentiles.of(status, 99));
    }

    private static List<Long> copyOf(List<Long> synchronizedSamples) {
        synchronized (synchronizedSamples) {
            return new ArrayList<>(synchronizedSamples);
        }
    }

    /**
     * Where the time goes, from portal-bff's own histograms over the changes (bucket upper bounds): the event's time
     * (set by agent-service when it applied the command) to the portal reading it from Kafka, and to its being
     * written to a stream; and the status POST's answer time as the client saw it.
     */
    private void stages(String before, String after, List<Long> answerTimes) {
        report.line("status POST answered: p50 %d ms, p99 %d ms", Percentiles.of(answerTimes, 50),
                Percentiles.of(answerTimes, 99));
        for (String stage : List.of("cca_portal_live_arrival_seconds", "cca_portal_push_latency_seconds")) {
            ScrapedHistogram start = ScrapedHistogram.of(before, stage);
            ScrapedHistogram end = ScrapedHistogram.of(after, stage);
            report.line("%s over the changes: %d observations, p50 <= %d ms, p99 <= %d ms", stage,
                    end.countSince(start), end.quantileMillisSince(start, 0.5), end.quantileMillisSince(start, 0.99));
        }
    }

    /** A counter's value in a Prometheus scrape; 0 when it is not there. */
    private static double counter(String scrape, String name) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private String portalMetrics() {
        Http.Answer answer = new Http(portal.url()).get("/actuator/prometheus");
        return answer.is2xx() ? answer.body() : "";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
