package io.ccagent.system;

import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.identity.ServiceTokens;
import io.ccagent.local.LocalSystem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls the services' internal HTTP APIs directly, as another service (or an operator's tool) would: with service
 * tokens signed by the running system's secret. Reads act as SYSTEM of the path's tenant; posts as the given agent.
 */
final class ServiceClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PATH_TENANT = Pattern.compile("^/tenants/([^/]+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final ServiceTokens tokens;

    ServiceClient(LocalSystem system, String module) {
        this.baseUrl = system.url(module);
        this.tokens = system.serviceTokens();
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET()
                .header("Authorization", tokens.authorization(new Actor(tenantOf(path), "system-test", Role.SYSTEM))));
    }

    String getText(String path) {
        return sendForText(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** A POST by this agent ({@code 1005@xyzcorporation.com}). */
    JsonNode post(String path, Map<String, ?> body, String agent) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("Authorization", tokens.authorization(
                        new Actor(agent.substring(agent.indexOf('@') + 1), agent, Role.AGENT)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    private static String tenantOf(String path) {
        Matcher tenant = PATH_TENANT.matcher(path);
        return tenant.find() ? tenant.group(1) : "system.invalid";
    }

    private JsonNode send(HttpRequest.Builder request) {
        String body = sendForText(request);
        return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    }

    private String sendForText(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                        + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("request to " + baseUrl + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
