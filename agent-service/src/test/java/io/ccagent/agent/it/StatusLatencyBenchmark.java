package io.ccagent.agent.it;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.SpringInfrastructure;
import io.ccagent.testkit.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Not part of the test suite (the name matches neither *Test nor *IT). Run on demand:
 * {@code ./mvnw -o -q -B -pl agent-service verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=StatusLatencyBenchmark}. Prints the latency of a portal status change: HTTP answer, and until the
 * event is readable on {@code agent.events}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatusLatencyBenchmark {

    private static final int WARM_UP = 50;
    private static final int MEASURED = 200;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, "agent-benchmark");
        registry.add("spring.cloud.stream.bindings.callEvents-in-0.group", () -> "agent-benchmark");
        registry.add("spring.cloud.stream.bindings.queueEvents-in-0.group", () -> "agent-benchmark");
    }

    @LocalServerPort
    int port;

    @Test
    void statusChangeLatency() {
        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .requestInterceptor(ServiceTokensForTests.asSystem("bench.example.com")).build();
        http.put().uri("/tenants/bench.example.com/agents/1002").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Bench", "devices", List.of("1002a"), "timeZone", "UTC")).retrieve().toBodilessEntity();
        AgentId agent = AgentId.parse("1002@bench.example.com");
        List<Long> answered = new ArrayList<>();
        List<Long> published = new ArrayList<>();
        try (TopicProbe probe = TopicProbe.fromStart(SharedInfrastructure.get(), Topics.AGENT_EVENTS)) {
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                AgentStatus to = i % 2 == 0 ? AgentStatus.ONLINE : AgentStatus.LUNCH;
                long start = System.nanoTime();
                http.post().uri("/tenants/bench.example.com/agents/1002/status").contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("status", to.name())).retrieve().toBodilessEntity();
                long answer = System.nanoTime();
                long expected = i + 1;
                while (probe.drain(Duration.ofMillis(1)).stream()
                        .filter(e -> e.data() instanceof AgentStatusChanged changed && changed.agent().equals(agent))
                        .count() < expected) {
                    if (System.nanoTime() - start > Duration.ofSeconds(30).toNanos()) {
                        throw new AssertionError("status change " + i + " never reached " + Topics.AGENT_EVENTS);
                    }
                }
                long seen = System.nanoTime();
                if (i >= WARM_UP) {
                    answered.add(answer - start);
                    published.add(seen - start);
                }
            }
        }
        System.out.printf("agent-service status change, %d runs: HTTP answer p50 %.1f ms p99 %.1f ms;"
                        + " on agent.events p50 %.1f ms p99 %.1f ms%n", MEASURED,
                percentile(answered, 50), percentile(answered, 99), percentile(published, 50),
                percentile(published, 99));
    }

    private static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1_000_000.0;
    }
}
