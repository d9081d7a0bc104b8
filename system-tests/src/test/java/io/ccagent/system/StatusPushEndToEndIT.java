package io.ccagent.system;

import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.local.LocalSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation's slice, end to end through every real part: an agent changes status in the portal, agent-service
 * stores it and forwards it to Kafka, and the portal pushes it to every live stream of that tenant, and to no one else.
 */
@ExtendWith(LocalSystemExtension.class)
class StatusPushEndToEndIT {

    private static final String OTHER_TENANT = "othertenant.example";
    private static final List<String> CYCLE = List.of("LUNCH", "BREAK", "ONLINE", "MEETING", "OFFLINE", "WEB");

    @BeforeAll
    static void provisionASecondTenant(LocalSystem system) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest user = HttpRequest.newBuilder(URI.create(system.portalUrl()
                        + "/internal/tenants/" + OTHER_TENANT + "/users/2002"))
                .header("Content-Type", "application/json").header("X-Provisioning-Token", "local-dev-token")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"name":"Other Agent","email":"2002@othertenant.example","password":"other-2002","scope":"AGENT"}"""))
                .build();
        HttpRequest agent = HttpRequest.newBuilder(URI.create(system.url("agent-service")
                        + "/tenants/" + OTHER_TENANT + "/agents/2002"))
                .header("Content-Type", "application/json").header("Authorization", system.serviceTokens().authorization(
                        new Actor(OTHER_TENANT, "system-test", Role.SYSTEM)))
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"name":"Other Agent","email":"2002@othertenant.example","devices":["2002"],"timeZone":"Europe/Paris"}"""))
                .build();
        assertThat(http.send(user, HttpResponse.BodyHandlers.ofString()).statusCode()).isLessThan(300);
        assertThat(http.send(agent, HttpResponse.BodyHandlers.ofString()).statusCode()).isLessThan(300);
    }

    @Test
    void statusChangeReachesLiveStreamsOfTheSameTenantOnly(LocalSystem system) throws InterruptedException {
        try (PortalSession agent = PortalSession.signIn(system.portalUrl(), "1003@xyzcorporation.com", "demo-1003");
             PortalSession colleague = PortalSession.signIn(system.portalUrl(), "1100@xyzcorporation.com", "demo-1100");
             PortalSession stranger = PortalSession.signIn(system.portalUrl(), "2002@" + OTHER_TENANT, "other-2002")) {
            BlockingQueue<String> colleagueStream = colleague.openLiveStream();
            BlockingQueue<String> strangerStream = stranger.openLiveStream();
            Thread.sleep(500);

            List<Long> latenciesMicros = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String status = CYCLE.get(i % CYCLE.size());
                long sent = System.nanoTime();
                assertThat(agent.postJson("/api/me/status", Map.of("status", status))).isEqualTo(200);
                awaitStatus(colleagueStream, new ArrayList<>(), "1003@xyzcorporation.com", status);
                latenciesMicros.add((System.nanoTime() - sent) / 1_000);
            }

            assertThat(stranger.postJson("/api/me/status", Map.of("status", "ONLINE"))).isEqualTo(200);
            List<String> strangerSaw = new ArrayList<>();
            awaitStatus(strangerStream, strangerSaw, "2002@" + OTHER_TENANT, "ONLINE");
            strangerSaw.addAll(strangerStream);
            assertThat(strangerSaw.stream().filter(line -> line.contains("xyzcorporation.com")))
                    .as("another tenant's live stream (proven live by its own change) carries nothing of xyzcorporation.com")
                    .isEmpty();
            Collections.sort(latenciesMicros);
            System.out.printf("status change -> live push, %d samples: p50 %.1f ms, p99 %.1f ms%n",
                    latenciesMicros.size(), latenciesMicros.get(latenciesMicros.size() / 2) / 1000.0,
                    latenciesMicros.get((int) Math.ceil(latenciesMicros.size() * 0.99) - 1) / 1000.0);
        }
    }

    /** Waits for the live StatusChanged, keeping every line it read in {@code seen}. */
    private static void awaitStatus(BlockingQueue<String> stream, List<String> seen, String agent, String status)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = stream.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
            }
            if (line != null && line.contains("agent.StatusChanged") && line.contains(agent)
                    && line.contains("\"to\":\"" + status + "\"")) {
                return;
            }
        }
        throw new AssertionError("no live StatusChanged to " + status + " for " + agent + " within 10 s");
    }
}
