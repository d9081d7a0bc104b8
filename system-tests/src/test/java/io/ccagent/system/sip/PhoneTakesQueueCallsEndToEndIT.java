package io.ccagent.system.sip;

import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.identity.ServiceTokens;
import io.ccagent.local.LocalSystem;
import io.ccagent.system.LocalSystemExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole platform with a SIP phone, no simulated part: the phone registers, dials *51 and goes Online, takes a
 * queue call that the router offers it, the call ends, the agent goes through wrap-up, becomes available by itself
 * and takes the next caller.
 */
@ExtendWith(LocalSystemExtension.class)
class PhoneTakesQueueCallsEndToEndIT {

    private static final String TENANT = "sip-e2e.example.com";
    private static final String AGENT = "3001";
    private static final String QUEUE = "8101";
    private static final String PASSWORD = "sip-3001-secret";
    private static final int PHONE_PORT = 16101;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private ServiceTokens tokens;

    @Test
    void aRegisteredPhoneDials51TakesACallGoesThroughWrapUpAndTakesTheNext(LocalSystem system) throws Exception {
        SippRun.requireSipp();
        provision(system);
        String gateway = "127.0.0.1:" + system.sipPort();
        SippRun phone = SippRun.start("agent-answers", PHONE_PORT, 2, null, List.of());
        try {
            SippRun.start("register", 16102, 1, gateway, List.of("device", AGENT, "tenant", TENANT,
                    "contact_port", String.valueOf(PHONE_PORT), "expires", "300"), "-au", AGENT, "-ap", PASSWORD,
                    "-auth_uri", TENANT)
                    .awaitSuccess(WAIT);
            SippRun.start("star-code", 16103, 1, gateway, List.of("device", AGENT, "tenant", TENANT, "dial", "*51",
                    "rtp_port", "16120"), "-au", AGENT, "-ap", PASSWORD, "-auth_uri", "*51@" + TENANT).awaitSuccess(WAIT);
            awaitAgent(system, agent -> "ONLINE".equals(agent.get("status").asString()), "Online after *51");

            SippRun.start("caller-hangs-up", 16104, 1, gateway, List.of("dial", QUEUE, "tenant", TENANT))
                    .awaitSuccess(WAIT);
            awaitAgent(system, agent -> !agent.path("wrapUpUntil").isNull() && !agent.path("wrapUpUntil").isMissingNode(),
                    "in wrap-up after the queue call");
            awaitAgent(system, agent -> agent.path("wrapUpUntil").isNull() || agent.path("wrapUpUntil").isMissingNode(),
                    "wrap-up ended by itself");

            SippRun.start("caller-hangs-up", 16105, 1, gateway, List.of("dial", QUEUE, "tenant", TENANT))
                    .awaitSuccess(WAIT);
            phone.awaitSuccess(WAIT);
        } finally {
            phone.stop();
        }
    }

    private void provision(LocalSystem system) throws Exception {
        tokens = system.serviceTokens();
        put(system.url("telephony-gateway") + "/tenants/" + TENANT + "/devices/" + AGENT,
                Map.of("agent", AGENT + "@" + TENANT, "password", PASSWORD));
        put(system.url("agent-service") + "/tenants/" + TENANT + "/agents/" + AGENT, Map.of("name", "Sip Agent",
                "email", "3001@" + TENANT, "devices", List.of(AGENT), "timeZone", "UTC"));
        send("POST", system.url("queue-service") + "/tenants/" + TENANT + "/queues", Map.of("extension", QUEUE,
                "name", "Phones",
                "type", "ROUND_ROBIN", "wrapUpSeconds", 3, "agentRingTimeoutSeconds", 20,
                "queueRingTimeoutSeconds", 300, "unansweredAction", "STAY_IN_QUEUE", "timeZone", "UTC"));
        put(system.url("queue-service") + "/tenants/" + TENANT + "/queues/" + QUEUE + "/members/" + AGENT,
                Map.of("agent", AGENT + "@" + TENANT, "priority", 1, "order", 1, "tier", 1));
    }

    private void put(String url, Map<String, ?> body) throws Exception {
        send("PUT", url, body);
    }

    private void send(String method, String url, Map<String, ?> body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", tokens.authorization(new Actor(TENANT, "system-test", Role.SYSTEM)))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isLessThan(300);
    }

    private void awaitAgent(LocalSystem system, Predicate<JsonNode> condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode agent = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.url("agent-service")
                    + "/tenants/" + TENANT + "/agents/" + AGENT)).GET()
                    .header("Authorization", tokens.authorization(new Actor(TENANT, "system-test", Role.SYSTEM)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            agent = JSON.readTree(response.body());
            if (condition.test(agent)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("agent not " + what + " within " + WAIT + "; last state " + agent);
    }
}
