package io.ccagent.harness.http;

import io.ccagent.harness.report.Report;
import io.ccagent.harness.system.HarnessSystem;
import io.ccagent.harness.system.Http;
import io.ccagent.harness.system.PortalSession;
import io.ccagent.local.DemoTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Sends bad input to every endpoint of the portal (found in its OpenAPI document) and of the gateway (from
 * docs/service-apis.md): malformed JSON, wrong types, missing fields, oversized bodies, wrong tenant, wrong role,
 * missing CSRF token, no session. Each must answer 4xx with a readable message and change nothing.
 */
public final class HttpBadInput {

    static final String OTHER_TENANT = "other-tenant.example";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HarnessSystem system;
    private final Report report;
    private final DemoTenant tenant;
    private final StateSnapshot snapshot;
    private final Map<String, List<String>> problems = new java.util.LinkedHashMap<>();
    private int inputsTried;
    private int refusedWell;

    public HttpBadInput(HarnessSystem system, Report report) {
        this.system = system;
        this.report = report;
        this.tenant = system.tenant();
        this.snapshot = new StateSnapshot(system, tenant.domain());
    }

    public int run() {
        report.section("Bad input: HTTP (portal and gateway)");
        portal();
        gateway();
        problems.forEach((problem, endpoints) -> report.finding("%s on %d endpoint(s): %s", problem, endpoints.size(),
                endpoints));
        report.line("HTTP inputs tried: %d, refused with a readable 4xx: %d, problems: %d kinds", inputsTried,
                refusedWell, problems.size());
        return inputsTried;
    }

    private void portal() {
        PortalSession agent;
        PortalSession supervisor;
        try {
            agent = PortalSession.signIn(system.url("portal-bff"), user("AGENT").login(tenant.domain()), user("AGENT").password());
            supervisor = PortalSession.signIn(system.url("portal-bff"), user("SUPERVISOR").login(tenant.domain()),
                    user("SUPERVISOR").password());
        } catch (RuntimeException e) {
            report.finding("portal: could not sign in the demo users, the portal sweep did not run: %s", e.getMessage());
            return;
        }
        Http.Answer docs = supervisor.get("/v3/api-docs");
        if (!docs.is2xx()) {
            report.finding("portal: no OpenAPI document at /v3/api-docs (HTTP %d), the portal sweep did not run", docs.status());
            return;
        }
        List<Endpoint> endpoints = OpenApiEndpoints.parse("portal-bff", docs.body()).stream()
                .filter(e -> !e.path().equals("/api/live")).toList();
        report.line("portal: %d operations in its OpenAPI document", endpoints.size());
        Http anonymous = new Http(system.url("portal-bff"));
        for (Endpoint endpoint : endpoints) {
            Map<String, JsonNode> before = snapshot.take();
            String path = fill(endpoint.path(), tenant.domain());
            PortalSession caller = endpoint.supervisorOnly() ? supervisor : agent;
            ObjectNode valid = endpoint.takesBody() ? BadBodies.valid(endpoint.bodySchema(), knownValues()) : null;
            byte[] validBytes = valid == null ? null : valid.toString().getBytes(StandardCharsets.UTF_8);
            if (endpoint.path().startsWith("/internal/")) {
                judge(endpoint, "no provisioning token", anonymous.send(endpoint.method(), path, "application/json", validBytes, Map.of()), HttpBadInput::isClientError);
                judge(endpoint, "wrong provisioning token", anonymous.send(endpoint.method(), path, "application/json", validBytes,
                        Map.of("X-Provisioning-Token", "wrong")), HttpBadInput::isClientError);
            } else {
                judge(endpoint, "no session", anonymous.send(endpoint.method(), path, valid == null ? null : "application/json",
                        validBytes, Map.of()), status -> status == 401 || status == 403);
                if (endpoint.changesState()) {
                    judge(endpoint, "missing CSRF token", caller.raw(endpoint.method(), path,
                            valid == null ? null : "application/json", validBytes, false), status -> status == 403);
                }
                if (endpoint.supervisorOnly()) {
                    judge(endpoint, "agent role on a supervisor endpoint", agent.raw(endpoint.method(), path,
                            valid == null ? null : "application/json", validBytes, true), status -> status == 403);
                }
                if (endpoint.path().contains("{tenant}")) {
                    judge(endpoint, "another tenant in the path", caller.raw(endpoint.method(),
                            fill(endpoint.path(), OTHER_TENANT), valid == null ? null : "application/json", validBytes, true),
                            HttpBadInput::isClientError);
                }
                if (endpoint.takesBody()) {
                    for (BadBodies.Body body : BadBodies.bad(endpoint.bodySchema(), valid)) {
                        judge(endpoint, body.name(), caller.raw(endpoint.method(), path, body.contentType(), body.bytes(), true),
                                HttpBadInput::isClientError);
                    }
                }
            }
            unchanged(endpoint, before);
        }
    }

    private void gateway() {
        Http gateway = system.service("telephony-gateway");
        String domain = tenant.domain();
        List<Endpoint> endpoints = List.of(
                new Endpoint("telephony-gateway", "PUT", "/tenants/{tenant}/devices/{device}", schema("agent", "password"), false),
                new Endpoint("telephony-gateway", "POST", "/tenants/{tenant}/calls/originate", schema("agent", "device", "to", "toName"), false),
                new Endpoint("telephony-gateway", "PUT", "/tenants/{tenant}/api-key", schema("apiKey"), false),
                new Endpoint("telephony-gateway", "POST", "/simulator/runs", schema("tenant", "callsPerMinute:integer", "durationSeconds:integer"), false),
                new Endpoint("telephony-gateway", "POST", "/api/v1/call-events", schema("id", "type", "data:object"), false));
        Map<String, String> apiKey = Map.of("X-Api-Key", tenant.apiKey());
        for (Endpoint endpoint : endpoints) {
            Map<String, JsonNode> before = snapshot.take();
            String path = fill(endpoint.path(), domain);
            Map<String, String> headers = endpoint.path().startsWith("/api/v1/") ? apiKey : Map.of();
            ObjectNode valid = BadBodies.valid(endpoint.bodySchema(), knownValues());
            for (BadBodies.Body body : BadBodies.bad(endpoint.bodySchema(), valid)) {
                judge(endpoint, body.name(), gateway.send(endpoint.method(), path, body.contentType(), body.bytes(), headers),
                        HttpBadInput::isClientError);
            }
            if (endpoint.path().contains("{tenant}")) {
                judge(endpoint, "malformed tenant in the path", gateway.sendJson(endpoint.method(),
                        fill(endpoint.path(), "not_a_domain"), valid.toString(), headers), HttpBadInput::isClientError);
            }
            unchanged(endpoint, before);
        }
        Endpoint events = endpoints.get(endpoints.size() - 1);
        String callEvent = callEventFor(domain);
        judge(events, "no API key", gateway.sendJson("POST", events.path(), callEvent, Map.of()), s -> s == 401 || s == 403);
        judge(events, "wrong API key", gateway.sendJson("POST", events.path(), callEvent, Map.of("X-Api-Key", "wrong-key")),
                s -> s == 401 || s == 403);
        judge(events, "event for another tenant with this tenant's key", gateway.sendJson("POST", events.path(),
                callEventFor(OTHER_TENANT), apiKey), HttpBadInput::isClientError);
        judge(events, "unknown event type", gateway.sendJson("POST", events.path(),
                callEvent.replace("call.Arrived", "call.Teleported"), apiKey), HttpBadInput::isClientError);
    }

    private static String callEventFor(String domain) {
        return "{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"type\":\"call.Arrived\",\"version\":1,\"data\":{"
                + "\"tenant\":\"" + domain + "\",\"call\":\"harness-bad-" + java.util.UUID.randomUUID() + "\","
                + "\"from\":\"+15550000000\",\"to\":\"8001\",\"queue\":\"8001@" + domain + "\",\"origin\":\"EXTERNAL\"}}";
    }

    /** A flat object schema; {@code name:type} sets a type other than string. */
    private static JsonNode schema(String... fields) {
        ObjectNode schema = JSON.createObjectNode();
        ObjectNode properties = schema.putObject("properties");
        var required = schema.putArray("required");
        for (String field : fields) {
            String[] nameType = field.split(":");
            properties.putObject(nameType[0]).put("type", nameType.length > 1 ? nameType[1] : "string");
            required.add(nameType[0]);
        }
        return schema;
    }

    /** Records the answer; the same problem on several endpoints becomes one finding listing them. */
    private void judge(Endpoint endpoint, String input, Http.Answer answer, IntPredicate expected) {
        inputsTried++;
        String problem;
        if (answer.status() == 0) {
            problem = "[" + input + "] no answer (" + answer.body() + ")";
        } else if (answer.status() >= 500) {
            problem = "[" + input + "] server error " + answer.status() + ": " + shorten(answer.body());
        } else if (!expected.test(answer.status())) {
            problem = "[" + input + "] answered " + answer.status() + " (expected a refusal): " + shorten(answer.body());
        } else if (!readable(answer)) {
            problem = "[" + input + "] refused with " + answer.status() + " but without a readable message (body: '"
                    + shorten(answer.body()) + "')";
        } else {
            refusedWell++;
            return;
        }
        problems.computeIfAbsent(endpoint.service() + " " + problem, p -> new ArrayList<>())
                .add(endpoint.method() + " " + endpoint.path());
    }

    private void unchanged(Endpoint endpoint, Map<String, JsonNode> before) {
        List<String> changed = StateSnapshot.differences(before, snapshot.take());
        if (changed.isEmpty()) {
            report.line("  %-70s refused inputs changed nothing", endpoint);
        } else {
            report.finding("%s: state changed during its bad inputs: %s", endpoint, changed);
        }
    }

    private static boolean isClientError(int status) {
        return status >= 400 && status < 500;
    }

    /** A problem detail (or at least an error text) a person can read; status-only answers are not. */
    private static boolean readable(Http.Answer answer) {
        String body = answer.body();
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            JsonNode json = JSON.readTree(body);
            for (String field : List.of("detail", "message", "error", "title")) {
                if (json.path(field).isString() && !json.path(field).asString().isBlank()) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException notJson) {
            return body.length() < 2000 && !body.contains("<html");
        }
    }

    private Map<String, String> knownValues() {
        String domain = tenant.domain();
        return Map.of("status", "ONLINE", "agent", "1002@" + domain, "device", "1002", "to", "1003",
                "tenant", domain, "type", "call.Arrived", "scope", "AGENT", "email", "harness@" + domain);
    }

    private DemoTenant.User user(String scope) {
        return tenant.users().stream().filter(u -> u.scope().equals(scope)).findFirst().orElseThrow();
    }

    static String fill(String template, String domain) {
        List<String> parts = new ArrayList<>();
        for (String segment : template.split("/", -1)) {
            parts.add(switch (segment) {
                case "{tenant}" -> domain;
                case "{queue}", "{queueExt}" -> "8001";
                case "{device}" -> "1002";
                case "{ext}", "{agent}" -> "1002";
                default -> segment.startsWith("{") ? "harness" : segment;
            });
        }
        return String.join("/", parts);
    }

    private static String shorten(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }
}
