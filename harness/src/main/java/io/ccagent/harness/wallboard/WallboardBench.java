package io.ccagent.harness.wallboard;

import io.ccagent.harness.kafka.ConsumerLag;
import io.ccagent.harness.system.Http;
import io.ccagent.harness.system.PortalSession;
import io.ccagent.harness.traffic.Percentiles;
import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.identity.ServiceTokens;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code harness/bench.sh wallboard}: a tenant of N agents spread over Q queues (each agent's phone a member of one
 * queue, every other agent Online), then the supervisor's wallboard as the page asks for it on opening ({@code GET
 * /api/tenants/{t}/wallboard?page=0&size=50} on the portal: queues with their statistics and agent counts, the first
 * page of agents with their statuses and availability) asked R times in a row; prints
 * {@code BENCH wallboard agents=N p50_ms=... p99_ms=...}. Arguments: {@code PORTAL AGENT_SERVICE QUEUE_SERVICE
 * PROVISIONING_TOKEN AGENTS QUEUES REQUESTS WARM_UP} (WARM_UP requests first, not measured).
 */
public final class WallboardBench {

    private static final String TENANT = "wallboard-bench.example.com";
    private static final ServiceTokens TOKENS = ServiceTokens.withSecret(System.getenv("SERVICE_TOKEN_SECRET"));
    private static final int WORKERS = 16;
    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private WallboardBench() {
    }

    /** A fresh token per request: provisioning 5,000 agents can outlast one token's five minutes. */
    private static Map<String, String> system() {
        return Map.of("Authorization", TOKENS.authorization(new Actor(TENANT, "bench@" + TENANT, Role.SYSTEM)));
    }

    public static void main(String[] args) throws Exception {
        Http portal = new Http(args[0]);
        Http agentService = new Http(args[1]);
        Http queueService = new Http(args[2]);
        String token = args[3];
        int agents = Integer.parseInt(args[4]);
        int queues = Integer.parseInt(args[5]);
        int requests = Integer.parseInt(args[6]);
        int warmUp = Integer.parseInt(args[7]);

        Instant provisioning = Instant.now();
        for (int queue = 0; queue < queues; queue++) {
            ok(queueService.sendJson("POST", "/tenants/" + TENANT + "/queues", "{\"extension\":\"" + (8000 + queue)
                    + "\",\"name\":\"Queue "
                    + queue + "\",\"type\":\"ROUND_ROBIN\",\"wrapUpSeconds\":10,\"agentRingTimeoutSeconds\":20,"
                    + "\"queueRingTimeoutSeconds\":300,\"unansweredAction\":\"STAY_IN_QUEUE\",\"timeZone\":\"UTC\"}",
                    system()));
        }
        parallel(agents, agent -> {
            String ext = String.valueOf(10_000 + agent);
            ok(agentService.sendJson("PUT", "/tenants/" + TENANT + "/agents/" + ext, "{\"name\":\"Agent " + agent
                    + "\",\"devices\":[\"" + ext + "a\"],\"timeZone\":\"UTC\"}", system()));
            ok(queueService.sendJson("PUT", "/tenants/" + TENANT + "/queues/" + (8000 + agent % queues) + "/members/"
                    + ext + "a@" + TENANT, "{\"agent\":\"" + ext + "@" + TENANT + "\",\"priority\":1,\"order\":1,"
                    + "\"tier\":1}", system()));
            if (agent % 2 == 0) {
                ok(agentService.sendJson("POST", "/tenants/" + TENANT + "/agents/" + ext + "/status",
                        "{\"status\":\"ONLINE\"}", system()));
            }
        });
        ok(portal.sendJson("PUT", "/internal/tenants/" + TENANT + "/users/1100", "{\"name\":\"Bench Supervisor\","
                + "\"email\":\"sup@" + TENANT + "\",\"password\":\"bench-pass-1\",\"scope\":\"SUPERVISOR\"}",
                Map.of("X-Provisioning-Token", token)));
        PortalSession supervisor = PortalSession.signIn(args[0], "1100@" + TENANT, "bench-pass-1");
        // the request wallboard.js makes when the page opens: the first page of every agent
        String path = "/api/tenants/" + TENANT + "/wallboard?page=0&size=50";

        System.out.printf("provisioned in %d s%n", Duration.between(provisioning, Instant.now()).toSeconds());
        // the lists are read models that follow the events: wait until every agent is listed. Meanwhile the wallboard
        // may answer 503 (a backend still busy with the provisioning's events times out): asked every 5 s, not more
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        int listed = 0;
        while (listed < agents && Instant.now().isBefore(deadline)) {
            Thread.sleep(5000);
            Http.Answer answer = supervisor.get(path);
            if (answer.is2xx()) {
                listed = totalOf(answer.body());
            }
        }
        System.out.printf("all agents listed %d s after the start: %s%n",
                Duration.between(provisioning, Instant.now()).toSeconds(), listed >= agents ? "yes" : "no, " + listed);
        // and until the services have consumed what the provisioning published: the figure is the wallboard's own
        boolean settled = ConsumerLag.awaitSettled(System.getenv("KAFKA_BOOTSTRAP_SERVERS"), Duration.ofSeconds(10),
                Duration.ofMinutes(10));
        System.out.printf("every consumer group caught up %d s after the start: %s%n",
                Duration.between(provisioning, Instant.now()).toSeconds(), settled ? "yes" : "no");
        for (int i = 0; i < warmUp; i++) {
            ok(supervisor.get(path));
        }
        List<Long> millis = new ArrayList<>();
        List<Instant> startedAt = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < requests; i++) {
            startedAt.add(Instant.now());
            long started = System.nanoTime();
            Http.Answer answer = ok(supervisor.get(path));
            millis.add((System.nanoTime() - started) / 1_000_000);
            bytes = answer.body().length();
        }
        String last = supervisor.get(path).body();
        System.out.printf("wallboard answer: %d characters, %d agents on the page of %d listed%n", bytes,
                countOf(last, "\"statusSince\""), totalOf(last));
        // where the tail lies: early (warm-up) or spread over the run (pauses of some process), and when (UTC), to
        // find the moment in the services' profiles
        List<Integer> slowest = new ArrayList<>();
        for (int i = 0; i < millis.size(); i++) {
            slowest.add(i);
        }
        slowest.sort((a, b) -> Long.compare(millis.get(b), millis.get(a)));
        System.out.printf("p90 %d ms, max %d ms; the ten slowest requests (number: ms): %s%n",
                Percentiles.of(millis, 90), Percentiles.of(millis, 100), slowest.subList(0, Math.min(10,
                        slowest.size())).stream().map(i -> i + ": " + millis.get(i) + " at "
                        + CLOCK_TIME.format(startedAt.get(i))).toList());
        System.out.printf("BENCH wallboard agents=%d queues=%d warm_up=%d requests=%d p50_ms=%d p99_ms=%d%n", agents,
                queues, warmUp, requests, Percentiles.of(millis, 50), Percentiles.of(millis, 99));
        System.exit(0);
    }

    private interface Step {
        void run(int index);
    }

    private static void parallel(int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int worker = 0; worker < WORKERS; worker++) {
                int first = worker;
                done.add(pool.submit(() -> {
                    for (int index = first; index < count; index += WORKERS) {
                        step.run(index);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static Http.Answer ok(Http.Answer answer) {
        if (!answer.is2xx()) {
            throw new IllegalStateException("answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    /** The agents the wallboard counts in all ({@code agents.total}), 0 if it has none yet. */
    private static int totalOf(String board) {
        Matcher total = TOTAL.matcher(board);
        return total.find() ? Integer.parseInt(total.group(1)) : 0;
    }

    private static int countOf(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
