package io.ccagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** From outside (the public listener) only the PBX call-event API and health answer; the rest is internal. */
class HttpListenersIT extends GatewayTestBase {

    private static final String TENANT = "listeners.example.com";
    private static final Map<String, String> DEVICE = Map.of("agent", "1201@" + TENANT, "password", "long-enough");

    @Test
    void publicListenerRefusesEveryInternalEndpoint() {
        RestClient outside = publicHttp();

        assertThat(status(outside.put().uri("/tenants/{t}/devices/1201a", TENANT)
                .contentType(MediaType.APPLICATION_JSON).body(DEVICE))).isEqualTo(404);
        assertThat(status(outside.put().uri("/tenants/{t}/api-key", TENANT).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("apiKey", "0123456789abcdef0123")))).isEqualTo(404);
        assertThat(status(outside.get().uri("/tenants/{t}/devices", TENANT))).isEqualTo(404);
        assertThat(status(outside.post().uri("/tenants/{t}/calls/originate", TENANT)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of()))).isEqualTo(404);
        assertThat(status(outside.post().uri("/simulator/runs").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of()))).isEqualTo(404);
        assertThat(status(outside.get().uri("/v3/api-docs"))).isEqualTo(404);
        assertThat(status(outside.get().uri("/actuator/prometheus"))).isEqualTo(404);
        assertThat(status(outside.get().uri("/api/v1/call-events"))).as("only POST is public").isEqualTo(404);
        assertThat(http().get().uri("/tenants/{t}/devices", TENANT).retrieve().body(String.class))
                .as("nothing was created through the public listener").doesNotContain("1201a");
    }

    @Test
    void publicListenerServesTheCallEventApiAndHealth() {
        RestClient outside = publicHttp();

        assertThat(status(outside.post().uri("/api/v1/call-events").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("id", UUID.randomUUID(), "type", "call.Ended", "data", Map.of()))))
                .as("reached the API, which wants a key").isEqualTo(401);
        assertThat(status(outside.get().uri("/actuator/health/liveness"))).isEqualTo(200);
    }

    @Test
    void internalListenerServesEverything() {
        assertThat(status(http().put().uri("/tenants/{t}/devices/1202a", TENANT)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("agent", "1202@" + TENANT,
                        "password", "long-enough")))).isEqualTo(200);
        assertThat(status(http().get().uri("/actuator/prometheus"))).isEqualTo(200);
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, response) -> response.getStatusCode().value());
    }
}
