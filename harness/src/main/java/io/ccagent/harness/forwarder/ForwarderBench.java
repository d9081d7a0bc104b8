package io.ccagent.harness.forwarder;

import io.ccagent.contracts.Topics;
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
 * holds a backlog of exactly {@code agents + changes} events. {@code measure}: once the service is restarted with its
 * forwarder on, watches {@code agent.events} fill up and prints {@code BENCH forwarder events=... per_s=...}, the rate
 * from the first forwarded record to the last. Arguments: {@code fill URL AGENTS CHANGES} or
 * {@code measure BOOTSTRAP EXPECTED}.
 */
public final class ForwarderBench {

    private static final String TENANT = "forwarder-bench.example.com";
    private static final int WORKERS = 16;

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
            for (int worker = 0; worker < WORKERS; worker++) {
                int first = worker;
                done.add(pool.submit(() -> {
                    for (int agent = first; agent < agents; agent += WORKERS) {
                        send(http, "PUT", agentService + "/tenants/" + TENANT + "/agents/" + (10_000 + agent),
                                "{\"name\":\"Bench " + agent + "\",\"devices\":[],\"timeZone\":\"UTC\"}");
                    }
                    // each agent alternates Online/Break: every request stores exactly one StatusChanged
                    for (int change = first; change < changes; change += WORKERS) {
                        int agent = change % agents;
                        String status = (change / agents) % 2 == 0 ? "ONLINE" : "BREAK";
                        send(http, "POST", agentService + "/tenants/" + TENANT + "/agents/" + (10_000 + agent)
                                + "/status", "{\"status\":\"" + status + "\"}");
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
        System.out.println("stored " + (agents + changes) + " events");
    }

    private static void send(HttpClient http, String method, String url, String body) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").header("X-Actor", "bench@" + TENANT)
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
            long count = 0;
            while (count < expected && System.nanoTime() < deadline) {
                List<TopicPartition> partitions = kafka.partitionsFor(Topics.AGENT_EVENTS, Duration.ofSeconds(10))
                        .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                count = kafka.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
                if (count > 0 && firstSeen == 0) {
                    firstSeen = System.nanoTime();
                }
                Thread.sleep(10);
            }
            long elapsedNanos = System.nanoTime() - firstSeen;
            if (count < expected) {
                System.out.println("only " + count + " of " + expected + " events reached " + Topics.AGENT_EVENTS);
            }
            System.out.printf("BENCH forwarder events=%d per_s=%d%n", count,
                    firstSeen == 0 ? 0 : Math.round(count / (elapsedNanos / 1e9)));
        }
    }
}
