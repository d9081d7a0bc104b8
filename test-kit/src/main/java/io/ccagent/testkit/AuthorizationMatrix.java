package io.ccagent.testkit;

import io.ccagent.identity.Role;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls every endpoint of a running service (taken from its request mappings, so a new endpoint is covered without
 * touching the test) with the callers it must refuse, and checks each answer is a 401/403 problem detail and that
 * nothing changed. The cases: no token, an expired token, a token signed with another key (401 each), a token of
 * another tenant for a {@code {tenant}} path, and an agent acting for another agent on every state-changing or
 * {@code /agents/{ext}} path (403 each).
 */
public final class AuthorizationMatrix {

    /** One operation: method and path template. */
    public record Endpoint(String method, String path) {

        boolean changesState() {
            return !method.equals("GET");
        }

        boolean isAgentPath() {
            return path.contains("/agents/{ext}");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One call of the matrix and what came back. */
    public record Outcome(Endpoint endpoint, String caller, int expected, int status, String contentType) {

        public boolean passed() {
            return status == expected && contentType != null && contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return endpoint + " as " + caller + ": expected " + expected + " problem, got " + status + " "
                    + contentType;
        }
    }

    /** The whole run: every outcome, and the endpoints after which the stored state was not the same (with both states). */
    public record Result(List<Endpoint> endpoints, List<Outcome> outcomes, List<String> changedState) {

        public List<Outcome> failures() {
            return outcomes.stream().filter(outcome -> !outcome.passed()).toList();
        }

        public String summary(String service) {
            return "%s: %d endpoints, %d refusal cases, %d as expected (401/403 problem detail), %d state changes"
                    .formatted(service, endpoints.size(), outcomes.size(), outcomes.size() - failures().size(),
                            changedState.size());
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    /** The tenant a wrong-tenant call names in its path; watch it too. */
    public static final String OTHER_TENANT = "other-tenant.example";
    private static final Map<String, String> VALUES = Map.of("ext", "1002", "device", "1002a", "queueExt", "8001",
            "call", "matrix-call");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String tenant;
    private final Map<String, String> bodies;
    private final Supplier<?> state;

    /**
     * @param bodies JSON bodies by {@code "METHOD path"} for endpoints whose refusal is decided after reading the
     *               body (e.g. who is named in it); others get {@code {}}
     * @param state  a snapshot of what the service stores and publishes, compared before and after each endpoint
     */
    public AuthorizationMatrix(String baseUrl, String tenant, Map<String, String> bodies, Supplier<?> state) {
        this.baseUrl = baseUrl;
        this.tenant = tenant;
        this.bodies = bodies;
        this.state = state;
    }

    /** The service's own endpoints (not Boot's error page), less the ones {@code open} says need no token. */
    public static List<Endpoint> endpointsOf(RequestMappingHandlerMapping mappings, Predicate<String> open) {
        Set<String> seen = new TreeSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("GET")
                    : info.getMethodsCondition().getMethods().stream().map(Enum::name)
                    .collect(java.util.stream.Collectors.toSet());
            for (String path : info.getPatternValues()) {
                if (path.equals("/error") || open.test(path)) {
                    continue;
                }
                for (String method : methods) {
                    if (seen.add(method + " " + path)) {
                        endpoints.add(new Endpoint(method, path));
                    }
                }
            }
        }
        endpoints.sort(java.util.Comparator.comparing(Endpoint::toString));
        return endpoints;
    }

    public Result run(List<Endpoint> endpoints) {
        List<Outcome> outcomes = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Object before = state.get();
            String path = fill(endpoint.path(), tenant);
            outcomes.add(call(endpoint, path, "no token", null, 401));
            outcomes.add(call(endpoint, path, "expired token",
                    ServiceTokensForTests.expiredBearer(tenant, "test-system", Role.SYSTEM), 401));
            outcomes.add(call(endpoint, path, "token signed with another key",
                    ServiceTokensForTests.foreignBearer(tenant, "test-system", Role.SYSTEM), 401));
            if (endpoint.path().contains("{tenant}")) {
                outcomes.add(call(endpoint, fill(endpoint.path(), OTHER_TENANT), "system of another tenant",
                        ServiceTokensForTests.bearer(tenant, "test-system", Role.SYSTEM), 403));
            }
            if (endpoint.changesState() || endpoint.isAgentPath()) {
                outcomes.add(call(endpoint, path, "agent acting for another agent",
                        ServiceTokensForTests.bearer(tenant, "9999@" + tenant, Role.AGENT), 403));
            }
            Object after = state.get();
            if (!Objects.equals(before, after)) {
                changed.add(endpoint + " changed the state from " + before + " to " + after);
            }
        }
        return new Result(endpoints, outcomes, changed);
    }

    private Outcome call(Endpoint endpoint, String path, String caller, String authorization, int expected) {
        String body = bodies.getOrDefault(endpoint.toString(), "{}");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .method(endpoint.method(), endpoint.changesState() ? HttpRequest.BodyPublishers.ofString(body)
                        : HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Outcome(endpoint, caller, expected, answer.statusCode(),
                    answer.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            return new Outcome(endpoint, caller, expected, 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String fill(String template, String tenant) {
        Matcher variable = VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            variable.appendReplacement(path, Matcher.quoteReplacement(
                    name.equals("tenant") ? tenant : VALUES.getOrDefault(name, "x")));
        }
        return variable.appendTail(path).toString();
    }
}
