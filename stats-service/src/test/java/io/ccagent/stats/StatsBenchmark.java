package io.ccagent.stats;

import io.ccagent.contracts.ids.Tenant;
import io.ccagent.stats.rebuild.RebuildStatus;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.SpringInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Throughput and latency, not run in the normal suite (the name matches neither *Test nor *IT). Publishes a
 * generated day of calls with the consumers stopped, then starts them and measures events/s until the group has
 * caught up; then times a rebuild and the portal's queries. Results go to docs/benchmarks.md.
 * Run: {@code ./mvnw -o -B -pl stats-service verify -Dit.test=StatsBenchmark -Dtest=None
 * -Dsurefire.failIfNoSpecifiedTests=false -Dstats.bench.calls=100000}
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {StatsServiceApplication.class, StatsServiceIT.FixedClock.class},
        properties = {
                "STATS_CONSUMER_GROUP=stats-bench",
                "spring.cloud.stream.bindings.callEvents-in-0.consumer.auto-startup=false",
                "spring.cloud.stream.bindings.agentEvents-in-0.consumer.auto-startup=false",
                "spring.cloud.stream.bindings.queueEvents-in-0.consumer.auto-startup=false"})
class StatsBenchmark {

    static final int CALLS = Integer.getInteger("stats.bench.calls", 100_000);
    static final int AGENTS = Integer.getInteger("stats.bench.agents", 200);
    static final int QUERIES = Integer.getInteger("stats.bench.queries", 2_000);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, "stats_bench");
    }

    @LocalServerPort
    int port;

    @Autowired
    BindingsLifecycleController bindings;

    @Test
    void ingestionRebuildAndQueries() {
        Infrastructure infrastructure = SharedInfrastructure.get();
        Instant now = StatsServiceIT.NOW;
        CallDay day = CallDay.generate(2026, Tenant.of("bench.example.com"), CALLS, AGENTS,
                now.minus(Duration.ofHours(24)), now);
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .requestInterceptor(ServiceTokensForTests.asSystemOfPathTenant()).build();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (KafkaFeed feed = new KafkaFeed(infrastructure)) {
            long publishStart = System.nanoTime();
            feed.publish(day.envelopes);
            report("publish", day.envelopes.size(), System.nanoTime() - publishStart, -1);

            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            for (String binding : List.of("callEvents-in-0", "agentEvents-in-0", "queueEvents-in-0")) {
                bindings.changeState(binding, BindingsLifecycleController.State.STARTED);
            }
            feed.awaitConsumed("stats-bench", Duration.ofMinutes(30));
            report("live ingestion", day.envelopes.size(), System.nanoTime() - start, os.getProcessCpuTime() - cpu);

            cpu = os.getProcessCpuTime();
            start = System.nanoTime();
            http.post().uri("/admin/rebuild").retrieve().toBodilessEntity();
            RebuildStatus status;
            do {
                pause();
                status = http.get().uri("/admin/rebuild").retrieve().body(RebuildStatus.class);
            } while ("RUNNING".equals(status.state()));
            report("rebuild (" + status.state() + ")", status.records(), System.nanoTime() - start,
                    os.getProcessCpuTime() - cpu);
        }
        Random random = new Random(1);
        String tenant = day.tenant.domain();
        for (String endpoint : List.of("graphs", "statistics", "recent-calls")) {
            latencies(endpoint, () -> http.get().uri("/tenants/" + tenant + "/agents/"
                    + day.agents.get(random.nextInt(day.agents.size())).id().extension() + "/" + endpoint)
                    .retrieve().body(String.class));
        }
        latencies("queues/statistics", () -> http.get().uri("/tenants/" + tenant + "/queues/statistics")
                .retrieve().body(String.class));
    }

    private static void latencies(String name, Runnable query) {
        for (int i = 0; i < QUERIES / 10; i++) {
            query.run();
        }
        List<Long> micros = new ArrayList<>(QUERIES);
        for (int i = 0; i < QUERIES; i++) {
            long start = System.nanoTime();
            query.run();
            micros.add((System.nanoTime() - start) / 1000);
        }
        micros.sort(null);
        System.out.printf("BENCH query %-18s n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n", name, QUERIES,
                micros.get(QUERIES / 2) / 1000.0, micros.get(QUERIES * 99 / 100) / 1000.0,
                micros.get(QUERIES - 1) / 1000.0);
    }

    private static void report(String phase, long records, long nanos, long cpuNanos) {
        System.out.printf("BENCH %-16s %,d records in %.1f s = %,.0f records/s%s%n", phase, records, nanos / 1e9,
                records / (nanos / 1e9), cpuNanos < 0 ? ""
                        : String.format(" (process CPU %.1f s = %.0f µs/record)", cpuNanos / 1e9, cpuNanos / 1e3 / records));
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
