package io.ccagent.portal.backend;

import io.ccagent.portal.account.PortalUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * One backend service reached over HTTP on behalf of the signed-in user: every call says who acts
 * ({@code X-Actor}, {@code X-Actor-Role}) so the service can re-check and record it.
 */
public final class Backend {

    private final RestClient http;

    Backend(RestClient http) {
        this.http = http;
    }

    public JsonNode get(PortalUser actor, String path, Object... variables) {
        return http.get().uri(path, variables).headers(headers -> actorHeaders(headers, actor))
                .retrieve().body(JsonNode.class);
    }

    public JsonNode post(PortalUser actor, Object body, String path, Object... variables) {
        return http.post().uri(path, variables).headers(headers -> actorHeaders(headers, actor))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
    }

    public JsonNode put(PortalUser actor, Object body, String path, Object... variables) {
        return http.put().uri(path, variables).headers(headers -> actorHeaders(headers, actor))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
    }

    public JsonNode delete(PortalUser actor, String path, Object... variables) {
        return http.delete().uri(path, variables).headers(headers -> actorHeaders(headers, actor))
                .retrieve().body(JsonNode.class);
    }

    private static void actorHeaders(HttpHeaders headers, PortalUser actor) {
        headers.set("X-Actor", actor.login());
        headers.set("X-Actor-Role", actor.scope().name());
    }
}
