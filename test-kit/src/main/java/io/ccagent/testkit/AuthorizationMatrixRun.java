package io.ccagent.testkit;

import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one body of every service's {@code AuthorizationMatrixIT}: the {@link AuthorizationMatrix} over all the
 * endpoints of the running service (its request mappings) for {@link #TENANT}, watching the service's database and
 * every topic ({@link StoredState}); prints the {@code MATRIX} summary line and fails on an answer that is not the
 * expected 401/403 problem detail or on anything stored or published.
 */
public final class AuthorizationMatrixRun {

    /** The tenant the callers act in; its data and {@link AuthorizationMatrix#OTHER_TENANT}'s are watched. */
    public static final String TENANT = "matrix.example.com";

    private final String service;
    private final String database;
    private final Map<String, String> bodies = new HashMap<>();
    private Predicate<String> open = path -> false;
    private String baseUrl;

    private AuthorizationMatrixRun(String service, String database) {
        this.service = service;
        this.database = database;
    }

    /** @param database the service's MongoDB database, watched for changes */
    public static AuthorizationMatrixRun of(String service, String database) {
        return new AuthorizationMatrixRun(service, database);
    }

    /** Where the endpoints are served, when not on the service's server port ({@code local.server.port}). */
    public AuthorizationMatrixRun at(String url) {
        this.baseUrl = url;
        return this;
    }

    /** A JSON body for an endpoint ({@code "METHOD path"}) whose refusal is decided after reading the body. */
    public AuthorizationMatrixRun withBody(String endpoint, String json) {
        bodies.put(endpoint, json);
        return this;
    }

    /** Paths that need no service token (they are guarded otherwise), left out of the matrix. */
    public AuthorizationMatrixRun except(Predicate<String> openPaths) {
        this.open = openPaths;
        return this;
    }

    /**
     * @param running         the application context of the service under test (a {@code @SpringBootTest})
     * @param fewestEndpoints the endpoints the service has at least, so a mapping that went missing fails
     */
    public void assertEveryEndpointRefuses(ApplicationContext running, int fewestEndpoints) {
        RequestMappingHandlerMapping mappings = running.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        String url = baseUrl != null ? baseUrl
                : "http://localhost:" + running.getEnvironment().getRequiredProperty("local.server.port");
        try (StoredState state = StoredState.watch(SharedInfrastructure.get(), database,
                Set.of(TENANT, AuthorizationMatrix.OTHER_TENANT))) {
            AuthorizationMatrix.Result result = new AuthorizationMatrix(url, TENANT, Map.copyOf(bodies),
                    state::take).run(AuthorizationMatrix.endpointsOf(mappings, open));

            System.out.println("MATRIX " + result.summary(service));
            assertTrue(result.endpoints().size() >= fewestEndpoints, () -> service + " has "
                    + result.endpoints().size() + " endpoints, expected at least " + fewestEndpoints + ": "
                    + result.endpoints());
            assertEquals(List.of(), result.failures(), "answers that were not the expected refusal");
            assertEquals(List.of(), result.changedState(), "endpoints after which the state was not the same");
        }
    }
}
