package io.ccagent.local;

import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.identity.ServiceTokens;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Creates the demo tenant through the services' own provisioning APIs (the same calls an operator's tooling would
 * make): phones in the gateway, agents in agent-service, queues and members in queue-service, logins in the portal.
 */
public final class DemoSeeder {

    /** What happens when a service refuses a provisioning call: the runtime stops; the harness writes it down. */
    public interface Refusals {

        void refused(String call, String reason);
    }

    /** Refusals that stop the start. */
    public static final Refusals FAIL = (call, reason) -> {
        throw new IllegalStateException("seeding " + call + " failed: " + reason);
    };

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Function<String, String> baseUrlOfModule;
    private final ServiceTokens tokens;
    private final Refusals refusals;

    /**
     * {@code baseUrlOfModule} maps a service module name ({@code agent-service}, ...) to its base URL; {@code tokens}
     * mints the seeder's service tokens (role SYSTEM of the tenant it seeds).
     */
    public DemoSeeder(Function<String, String> baseUrlOfModule, ServiceTokens tokens, Refusals refusals) {
        this.baseUrlOfModule = baseUrlOfModule;
        this.tokens = tokens;
        this.refusals = refusals;
    }

    public void seed(DemoTenant tenant) {
        String domain = tenant.domain();
        Actor seeder = new Actor(domain, "demo-seeder", Role.SYSTEM);
        put(seeder, Service.GATEWAY, "/tenants/" + domain + "/api-key", Map.of("apiKey", tenant.apiKey()));
        for (DemoTenant.User user : tenant.users()) {
            put(seeder, Service.PORTAL, "/internal/tenants/" + domain + "/users/" + user.extension(), Map.of(
                    "name", user.name(), "email", user.email(), "password", user.password(), "scope", user.scope()));
            if (!user.isAgent()) {
                continue;
            }
            for (DemoTenant.Device device : user.devices()) {
                put(seeder, Service.GATEWAY, "/tenants/" + domain + "/devices/" + device.name(),
                        Map.of("agent", user.login(domain), "password", device.password()));
            }
            put(seeder, Service.AGENT, "/tenants/" + domain + "/agents/" + user.extension(), Map.of(
                    "name", user.name(), "email", user.email(), "timeZone", tenant.timeZone(),
                    "devices", user.devices().stream().map(DemoTenant.Device::name).toList()));
        }
        for (DemoTenant.Queue queue : tenant.queues()) {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("name", queue.name());
            settings.put("type", queue.type());
            settings.put("wrapUpSeconds", queue.wrapUpSeconds());
            settings.put("agentRingTimeoutSeconds", queue.agentRingTimeoutSeconds());
            settings.put("queueRingTimeoutSeconds", queue.queueRingTimeoutSeconds());
            settings.put("unansweredAction", queue.unansweredAction());
            settings.put("unansweredTarget", queue.unansweredTarget());
            settings.put("timeZone", tenant.timeZone());
            // created once; on a restart the queue exists (409) and the same settings are put again
            Map<String, Object> creation = new LinkedHashMap<>(settings);
            creation.put("extension", queue.extension());
            if (send(seeder, Service.QUEUE, "POST", "/tenants/" + domain + "/queues", creation, 409) == 409) {
                put(seeder, Service.QUEUE, "/tenants/" + domain + "/queues/" + queue.extension(), settings);
            }
            for (DemoTenant.Member member : queue.members()) {
                put(seeder, Service.QUEUE, "/tenants/" + domain + "/queues/" + queue.extension() + "/members/" + member.device(),
                        Map.of("agent", member.agent() + "@" + domain, "priority", member.priority(),
                                "order", member.order(), "tier", member.tier()));
            }
        }
    }

    private void put(Actor seeder, Service service, String path, Map<String, ?> body) {
        send(seeder, service, "PUT", path, body, 0);
    }

    /** Sends one provisioning call; returns its status, a refusal unless it is below 300 or {@code accepted}. */
    private int send(Actor seeder, Service service, String method, String path, Map<String, ?> body, int accepted) {
        String call = method + " " + service.module() + path;
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrlOfModule.apply(service.module()) + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Authorization", tokens.authorization(seeder))
                .header("X-Provisioning-Token", Service.PROVISIONING_TOKEN)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && response.statusCode() != accepted) {
                refusals.refused(call, response.statusCode() + " " + response.body());
            }
            return response.statusCode();
        } catch (IOException e) {
            refusals.refused(call, e.getMessage());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        }
    }
}
