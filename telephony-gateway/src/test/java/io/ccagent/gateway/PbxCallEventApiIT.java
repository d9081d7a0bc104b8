package io.ccagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.testkit.TopicProbe;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The HTTP call-event API for external PBXes: API key per tenant, validation, idempotency, OpenAPI. */
class PbxCallEventApiIT extends GatewayTestBase {

    private static final String TENANT = "pbx.example.com";
    private static final String KEY = "pbx-key-0123456789abcdef";

    @BeforeEach
    void apiKey() {
        http().put().uri("/tenants/{tenant}/api-key", TENANT).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("apiKey", KEY)).retrieve().toBodilessEntity();
        http().put().uri("/tenants/{tenant}/api-key", "someone-else.example.com").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("apiKey", "other-key-0123456789abcdef")).retrieve().toBodilessEntity();
    }

    @Test
    void acceptedEventIsPublishedOnceEvenWhenPostedTwice() {
        UUID id = UUID.randomUUID();
        Map<String, Object> event = arrived(id, TENANT);
        try (TopicProbe probe = TopicProbe.fromNow(infra, Topics.CALL_EVENTS)) {
            assertThat(post(KEY, event)).isEqualTo(202);
            Envelope published = probe.await(envelope -> envelope.id().equals(id), Duration.ofSeconds(20));
            assertThat(published.data()).isInstanceOfSatisfying(CallArrived.class, arrived -> {
                assertThat(arrived.call().value()).isEqualTo("pbx-call-" + id);
                assertThat(arrived.from()).isEqualTo("+15550009999");
            });

            assertThat(post(KEY, event)).isEqualTo(202);
            assertThat(probe.drain(Duration.ofMillis(500)).stream().filter(envelope -> envelope.id().equals(id)))
                    .hasSize(1);
        }
    }

    @Test
    void missingOrUnknownKeyIs401() {
        assertThat(post(null, arrived(UUID.randomUUID(), TENANT))).isEqualTo(401);
        assertThat(post("not-a-key-0123456789", arrived(UUID.randomUUID(), TENANT))).isEqualTo(401);
    }

    @Test
    void eventOfAnotherTenantIs403() {
        assertThat(post(KEY, arrived(UUID.randomUUID(), "someone-else.example.com"))).isEqualTo(403);
    }

    @Test
    void invalidEventsAre400AndPublishNothing() {
        UUID unknownType = UUID.randomUUID();
        UUID missingField = UUID.randomUUID();
        UUID notACallEvent = UUID.randomUUID();
        try (TopicProbe probe = TopicProbe.fromNow(infra, Topics.CALL_EVENTS)) {
            assertThat(post(KEY, Map.of("id", unknownType, "type", "call.Exploded", "data", Map.of("tenant", TENANT))))
                    .isEqualTo(400);
            Map<String, Object> data = new java.util.HashMap<>(castData(arrived(missingField, TENANT)));
            data.remove("from");
            assertThat(post(KEY, Map.of("id", missingField, "type", "call.Arrived", "data", data))).isEqualTo(400);
            assertThat(post(KEY, Map.of("id", notACallEvent, "type", "agent.StatusChanged",
                    "data", Map.of("tenant", TENANT)))).isEqualTo(400);
            assertThat(probe.drain(Duration.ofMillis(500)).stream().map(Envelope::id))
                    .doesNotContain(unknownType, missingField, notACallEvent);
        }
    }

    @Test
    void apiIsDescribedByOpenApi() {
        String docs = http().get().uri("/v3/api-docs").retrieve().body(String.class);
        assertThat(docs).contains("/api/v1/call-events", "X-Api-Key", "/tenants/{tenant}/api-key");
    }

    private int post(String apiKey, Map<String, Object> body) {
        return publicHttp().post().uri("/api/v1/call-events").contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (apiKey != null) {
                        headers.set("X-Api-Key", apiKey);
                    }
                })
                .body(body)
                .exchange((request, response) -> response.getStatusCode().value());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castData(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    private static Map<String, Object> arrived(UUID id, String tenant) {
        return Map.of("id", id.toString(), "type", "call.Arrived", "data", Map.of(
                "tenant", tenant, "call", "pbx-call-" + id, "from", "+15550009999", "to", "8001",
                "queue", "8001@" + tenant, "origin", "EXTERNAL"));
    }
}
