package io.ccagent.stats;

import io.ccagent.contracts.ids.Tenant;
import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.identity.ServiceTokens;
import io.ccagent.stats.rebuild.RebuildStatus;
import io.ccagent.testkit.Infrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Drives {@code harness/bench.sh stats} against a stats-service running in its own JVM (bindings stopped), with Kafka
 * and MongoDB in their own processes: publishes a generated day of at least {@code --records} records, starts the
 * bindings and times until the service's group has committed the end offset of every partition; then times a
 * rebuild, then the portal's queries, all with system tokens signed by {@code --secret} (the service's
 * SERVICE_TOKEN_SECRET). The service's CPU time per record comes from /proc for its pid.
 * Not a test (the name matches neither *Test nor *IT).
 */
public final class StatsBenchDriver {

    static final String GROUP = "stats-service";
    static final List<String> BINDINGS = List.of("callEvents-in-0", "agentEvents-in-0", "queueEvents-in-0");
    /** Records per generated call, measured on the generator (731,333 records for 100,000 calls). */
    static final double RECORDS_PER_CALL = 7.31;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String kafka = options.get("kafka");
        String service = options.get("service");
        long pid = Long.parseLong(options.get("pid"));
        int records = Integer.parseInt(options.getOrDefault("records", "1000000"));
        int agents = Integer.parseInt(options.getOrDefault("agents", "200"));
        int queries = Integer.parseInt(options.getOrDefault("queries", "2000"));
        Tenant tenant = Tenant.of("bench.example.com");
        ServiceTokens tokens = ServiceTokens.withSecret(options.get("secret"));
        RestClient http = RestClient.builder().baseUrl(service)
                .requestInterceptor((request, body, execution) -> {
                    request.getHeaders().set(HttpHeaders.AUTHORIZATION,
                            "Bearer " + tokens.mint(new Actor(tenant.domain(), "bench", Role.SYSTEM)));
                    return execution.execute(request, body);
                }).build();

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int calls = Math.max(100, (int) Math.ceil(records / RECORDS_PER_CALL));
        CallDay day = CallDay.generate(2026, tenant, calls, Math.min(agents, calls), now.minus(Duration.ofHours(24)), now);
        Infrastructure infrastructure = new Infrastructure() {
            public String kafkaBootstrapServers() {
                return kafka;
            }

            public String mongoUri() {
                return null;
            }

            public String mode() {
                return "bench";
            }
        };
        long published;
        try (KafkaFeed feed = new KafkaFeed(infrastructure)) {
            long start = System.nanoTime();
            feed.publish(day.envelopes);
            published = day.envelopes.size();
            System.out.printf("published %,d records (%,d calls) in %.1f s%n", published, calls,
                    (System.nanoTime() - start) / 1e9);
        }
        day.envelopes.clear();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            long inLog = endOffsets(admin).values().stream().mapToLong(Long::longValue).sum();
            double cpu = cpuSeconds(pid);
            long start = System.nanoTime();
            for (String binding : BINDINGS) {
                http.post().uri("/actuator/bindings/" + binding).contentType(MediaType.APPLICATION_JSON)
                        .body("{\"state\":\"STARTED\"}").retrieve().toBodilessEntity();
            }
            while (lag(admin) > 0) {
                Thread.sleep(100);
            }
            double ingestSeconds = (System.nanoTime() - start) / 1e9;
            double ingestCpu = cpuSeconds(pid) - cpu;
            System.out.printf("ingest: %,d records in %.1f s, service CPU %.1f s = %.1f µs/record%n", inLog,
                    ingestSeconds, ingestCpu, ingestCpu * 1e6 / inLog);

            cpu = cpuSeconds(pid);
            start = System.nanoTime();
            http.post().uri("/admin/rebuild").retrieve().toBodilessEntity();
            RebuildStatus status;
            do {
                Thread.sleep(100);
                status = http.get().uri("/admin/rebuild").retrieve().body(RebuildStatus.class);
            } while ("RUNNING".equals(status.state()));
            double rebuildSeconds = (System.nanoTime() - start) / 1e9;
            double rebuildCpu = cpuSeconds(pid) - cpu;
            if (!"DONE".equals(status.state())) {
                throw new IllegalStateException("rebuild " + status.state() + ": " + status.error());
            }
            System.out.printf("rebuild: %,d records in %.1f s, service CPU %.1f s = %.1f µs/record%n",
                    status.records(), rebuildSeconds, rebuildCpu, rebuildCpu * 1e6 / status.records());

            double queryP99 = queries(http, day, queries);
            System.out.printf("BENCH stats_service_cpu ingest_us_per_record=%.1f rebuild_us_per_record=%.1f%n",
                    ingestCpu * 1e6 / inLog, rebuildCpu * 1e6 / status.records());
            System.out.printf("BENCH stats records=%d ingest_per_s=%.0f rebuild_per_s=%.0f query_p99_ms=%.1f%n",
                    inLog, inLog / ingestSeconds, status.records() / rebuildSeconds, queryP99);
        }
    }

    /** Each query {@code count} times after a tenth as many warm-up calls; returns the worst p99 of the four. */
    private static double queries(RestClient http, CallDay day, int count) {
        Random random = new Random(1);
        String tenant = day.tenant.domain();
        Supplier<String> agent = () -> day.agents.get(random.nextInt(day.agents.size())).id().extension();
        Map<String, Supplier<String>> paths = new java.util.LinkedHashMap<>();
        for (String endpoint : List.of("graphs", "statistics", "recent-calls")) {
            paths.put(endpoint, () -> "/tenants/" + tenant + "/agents/" + agent.get() + "/" + endpoint);
        }
        paths.put("queues/statistics", () -> "/tenants/" + tenant + "/queues/statistics");
        double worst = 0;
        for (Map.Entry<String, Supplier<String>> path : paths.entrySet()) {
            for (int i = 0; i < Math.max(1, count / 10); i++) {
                http.get().uri(path.getValue().get()).retrieve().body(String.class);
            }
            List<Long> micros = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String uri = path.getValue().get();
                long start = System.nanoTime();
                http.get().uri(uri).retrieve().body(String.class);
                micros.add((System.nanoTime() - start) / 1000);
            }
            micros.sort(null);
            double p99 = micros.get(Math.min(count - 1, count * 99 / 100)) / 1000.0;
            System.out.printf("query %-18s n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n", path.getKey(), count,
                    micros.get(count / 2) / 1000.0, p99, micros.get(count - 1) / 1000.0);
            worst = Math.max(worst, p99);
        }
        return worst;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = admin.describeTopics(KafkaFeed.TOPICS).allTopicNames().get().values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .toList();
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static long lag(Admin admin) throws ExecutionException, InterruptedException {
        var committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        return endOffsets(admin).entrySet().stream().mapToLong(end -> {
            var done = committed.get(end.getKey());
            return end.getValue() - (done == null ? 0 : done.offset());
        }).sum();
    }

    /** User + system CPU of a process, from /proc (clock ticks of 1/100 s, the Linux default). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    private StatsBenchDriver() {
    }
}
