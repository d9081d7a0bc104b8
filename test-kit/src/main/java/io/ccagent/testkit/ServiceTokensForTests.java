package io.ccagent.testkit;

import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.identity.ServiceTokens;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way tests call a service: with a token minted here. {@link SpringInfrastructure#register} gives the
 * service under test the same (random, per test JVM) secret, so these tokens verify and nothing else does.
 */
public final class ServiceTokensForTests {

    public static final String SECRET = ServiceTokens.newSecret();
    private static final Pattern PATH_TENANT = Pattern.compile("^/tenants/([^/]+)");
    private static final ServiceTokens TOKENS = ServiceTokens.withSecret(SECRET);

    private ServiceTokensForTests() {
    }

    /** {@code Authorization} header value for this caller. */
    public static String bearer(String tenant, String login, Role role) {
        return "Bearer " + TOKENS.mint(new Actor(tenant, login, role));
    }

    /** {@code Authorization} header value of a token that expired two minutes ago (past the 60 s clock skew). */
    public static String expiredBearer(String tenant, String login, Role role) {
        return "Bearer " + TOKENS.mint(new Actor(tenant, login, role), Instant.now().minusSeconds(120));
    }

    /** {@code Authorization} header value of a token signed with a key no service knows. */
    public static String foreignBearer(String tenant, String login, Role role) {
        return "Bearer " + ServiceTokens.withSecret(ServiceTokens.newSecret()).mint(new Actor(tenant, login, role));
    }

    /** Signs every request of a {@code RestClient} that has no token yet with a fresh one for this caller. */
    public static ClientHttpRequestInterceptor as(String tenant, String login, Role role) {
        return (request, body, execution) -> {
            if (request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION) == null) {
                request.getHeaders().set(HttpHeaders.AUTHORIZATION, bearer(tenant, login, role));
            }
            return execution.execute(request, body);
        };
    }

    /**
     * Signs every request as a system caller of the tenant its path names ({@code /tenants/{tenant}/...}), for tests
     * about something else than who may call; tenant-less paths get a token of {@code system.invalid}.
     */
    public static ClientHttpRequestInterceptor asSystemOfPathTenant() {
        return (request, body, execution) -> {
            Matcher tenant = PATH_TENANT.matcher(request.getURI().getPath());
            if (request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION) == null) {
                request.getHeaders().set(HttpHeaders.AUTHORIZATION,
                        bearer(tenant.find() ? tenant.group(1) : "system.invalid", "test-system", Role.SYSTEM));
            }
            return execution.execute(request, body);
        };
    }

    /** Signs every request as a system caller of the tenant (provisioning, as the demo seeder does). */
    public static ClientHttpRequestInterceptor asSystem(String tenant) {
        return as(tenant, "test-system", Role.SYSTEM);
    }
}
