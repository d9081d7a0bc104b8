package io.ccagent.system.portal;

import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.local.LocalSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running system's demo tenant as the browser tests drive it from outside the browser: an external PBX reporting
 * call events through the gateway's API, the portal's user provisioning, the gateway's call simulator, and calls to
 * the services' APIs as the system.
 */
final class DemoTenant {

    static final String DOMAIN = "xyzcorporation.com";
    private static final String PBX_API_KEY = "demo-pbx-key-xyz";
    private static final String PROVISIONING_TOKEN = "local-dev-token";

    private final LocalSystem system;
    private final HttpClient http = HttpClient.newHttpClient();

    DemoTenant(LocalSystem system) {
        this.system = system;
    }

    /** A queue call the agent's phone answered and that ended at once, as the PBX reports it: wrap-up follows. */
    void queueCallAnsweredAndEnded(String extension, String queue) {
        String call = "answered-" + UUID.randomUUID();
        callEvent("call.Answered", """
                {"tenant":"%s","call":"%s","device":"%s@%s","agent":"%s@%s","queue":"%s"}"""
                .formatted(DOMAIN, call, extension, DOMAIN, extension, DOMAIN, queue));
        callEvent("call.Ended", """
                {"tenant":"%s","call":"%s","cause":"CALLER_HANGUP"}""".formatted(DOMAIN, call));
    }

    /** One call event as the tenant's PBX reports it: the gateway adds version, subject and time. */
    void callEvent(String type, String data) {
        String event = """
                {"id":"%s","type":"%s","data":%s}""".formatted(UUID.randomUUID(), type, data);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(
                        URI.create(system.url("telephony-gateway") + "/api/v1/call-events"))
                .header("Content-Type", "application/json").header("X-Api-Key", PBX_API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(event)));
        assertThat(answer.statusCode()).as("%s: %s", type, answer.body()).isBetween(200, 299);
    }

    /** Creates or replaces a portal account of the demo tenant. */
    void portalUser(String ext, String name, String email, String password) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(
                        URI.create(system.portalUrl() + "/internal/tenants/" + DOMAIN + "/users/" + ext))
                .header("Content-Type", "application/json").header("X-Provisioning-Token", PROVISIONING_TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"name":"%s","email":"%s","password":"%s","scope":"AGENT"}""".formatted(name, email, password))));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    /** A run of the gateway's call simulator; its virtual phones register for the tenant's agents. */
    void startSimulator(int callsPerMinute, int seconds) {
        HttpResponse<String> answer = asSystem("POST", system.url("telephony-gateway") + "/simulator/runs", """
                {"tenant":"%s","callsPerMinute":%d,"durationSeconds":%d}""".formatted(DOMAIN, callsPerMinute, seconds));
        assertThat(answer.statusCode()).as("simulator run: %s", answer.body()).isEqualTo(202);
    }

    /** A JSON request to a service's API with a service token of the tenant's system actor. */
    HttpResponse<String> asSystem(String method, String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", system.serviceTokens().authorization(new Actor(DOMAIN, "system-test", Role.SYSTEM)))
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
