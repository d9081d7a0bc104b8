package io.ccagent.portal.backend;

import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.identity.ServiceTokens;
import io.ccagent.portal.account.PortalUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * One backend service reached over HTTP on behalf of the signed-in user: every call carries a short-lived service
 * token (tenant, login, role) so the service can verify who acts, re-check and record it.
 */
public final class Backend {

    private final RestClient http;
    private final ServiceTokens tokens;

    Backend(RestClient http, ServiceTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    public JsonNode get(PortalUser actor, String path, Object... variables) {
        return http.get().uri(path, variables).headers(headers -> authorize(headers, actor))
                .retrieve().body(JsonNode.class);
    }

    public JsonNode post(PortalUser actor, Object body, String path, Object... variables) {
        return http.post().uri(path, variables).headers(headers -> authorize(headers, actor))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
    }

    public JsonNode put(PortalUser actor, Object body, String path, Object... variables) {
        return http.put().uri(path, variables).headers(headers -> authorize(headers, actor))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
    }

    public JsonNode delete(PortalUser actor, String path, Object... variables) {
        return http.delete().uri(path, variables).headers(headers -> authorize(headers, actor))
                .retrieve().body(JsonNode.class);
    }

    private void authorize(HttpHeaders headers, PortalUser user) {
        headers.set(HttpHeaders.AUTHORIZATION, tokens.authorization(
                new Actor(user.tenant().domain(), user.login(), Role.valueOf(user.scope().name()))));
    }
}
