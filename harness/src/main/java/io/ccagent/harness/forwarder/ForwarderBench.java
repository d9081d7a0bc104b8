package io.ccagent.harness.forwarder;

import io.ccagent.contracts.Topics;
import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.identity.ServiceTokens;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code harness/bench.sh forwarder}, in two steps against an agent-service started by the script.
 * {@code fill}: provisions agents and stores status changes while the service's forwarder is off, so the event store
 * holds a backlog of exactly {@code agents + changes} events ({@code changes} a multiple of {@code agents}).
 * {@code measure}: once the service is restarted with its forwarder on, watches {@code agent.events} fill up and
 * prints {@code BENCH forwarder events=... per_s=... second_half_per_s=...}: the rate from the first forwarded record
 * to the last, and the rate of the backlog's second half alone. Arguments: {@code fill URL AGENTS CHANGES} or
 * {@code measure BOOTSTRAP EXPECTED}.
 */
public final class ForwarderBench {

    private static final String TENANT = "forwarder-bench.example.com";
    private static final int WORKERS = 16;
    private static final ServiceTokens TOKENS = ServiceTokens.withSecret(System.getenv("SERVICE_TOKEN_SECRET"));

    private ForwarderBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "fill" -> fill(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "measure" -> measure(args[1], Long.parseLong(args[2]));
            default -> throw new IllegalArgumentException("fill URL AGENTS CHANGES | measure BOOTSTRAP EXPECTED");
        }
    }

    private static void fill(String agentService, int agents, int changes) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            int rounds = changes / agents;
            for (int worker = 0; worker < WORKERS; worker++) {
                int first = worker;
                done.add(pool.submit(() -> {
                    // each agent belongs to one worker and alternates Online/Break, so every request stores exactly
                    // one StatusChanged
                    for (int agent = first; agent < agents; agent += WORKERS) {
                        String path = agentService + "/tenants/" + TENANT + "/agents/" + (10_000 + agent);
                        send(http, "PUT", path, "{\"name\":\"Bench " + agent + "\",\"devices\":[],\"timeZone\":\"UTC\"}");
                        for (int round = 0; round < rounds; round++) {
                            send(http, "POST", path + "/status", "{\"status\":\"" + (round % 2 == 0 ? "ONLINE" : "BREAK")
                                    + "\"}");
                        }
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
        System.out.println("stored " + (agents + agents * (changes / agents)) + " events");
    }

    private static void send(HttpClient http, String method, String url, String body) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .header("Authorization", TOKENS.authorization(new Actor(TENANT, "bench@" + TENANT, Role.SYSTEM)))
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(method + " " + url + " answered " + answer.statusCode() + ": "
                        + answer.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void measure(String bootstrap, long expected) throws InterruptedException {
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            long firstSeen = 0;
            long halfSeen = 0;
            long countAtHalf = 0;
            long count = 0;
            while (count < expected && System.nanoTime() < deadline) {
                List<TopicPartition> partitions = kafka.partitionsFor(Topics.AGENT_EVENTS, Duration.ofSeconds(10))
                        .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                count = kafka.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                if (count > 0 && firstSeen == 0) {
                    firstSeen = System.nanoTime();
                }
                if (count >= expected / 2 && halfSeen == 0) {
                    halfSeen = System.nanoTime();
                    countAtHalf = count;
                }
                Thread.sleep(10);
            }
            long end = System.nanoTime();
            if (count < expected) {
                System.out.println("only " + count + " of " + expected + " events reached " + Topics.AGENT_EVENTS);
            }
            // the second half's rate apart: the first seconds of a restarted service are mostly its JIT compiling
            System.out.printf("BENCH forwarder events=%d per_s=%d second_half_per_s=%d%n", count,
                    rate(count, firstSeen, end), rate(count - countAtHalf, halfSeen, end));
        }
    }

    private static long rate(long events, long fromNanos, long toNanos) {
        return fromNanos == 0 || toNanos <= fromNanos ? 0 : Math.round(events / ((toNanos - fromNanos) / 1e9));
    }
}
