package io.ccagent.gateway;

import io.ccagent.testkit.AuthorizationMatrix;
import io.ccagent.testkit.SharedInfrastructure;

import io.ccagent.testkit.StoredState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of telephony-gateway, found in its request mappings, refuses callers without the right
 * service token with a 401/403 problem detail and stores and publishes
 * nothing (the cases are in test-kit's AuthorizationMatrix). Asked on the internal listener, where these endpoints
 * are served; the public one answers 404 to all but the call-event API (HttpListenersIT).
 */
class AuthorizationMatrixIT extends GatewayTestBase {

    private static final String TENANT = "matrix.example.com";
    private static final String DATABASE = "gateway-it";

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointRefusesCallersWithoutTheRightTokenAndChangesNothing() {
        try (StoredState state = StoredState.watch(SharedInfrastructure.get(), DATABASE,
                Set.of(TENANT, AuthorizationMatrix.OTHER_TENANT))) {
            AuthorizationMatrix.Result result = new AuthorizationMatrix("http://localhost:" + internalListener.port(), TENANT,
                    Map.of("POST /tenants/{tenant}/calls/originate",
                            "{\"agent\":\"1002\",\"device\":\"1002a\",\"to\":\"5551234\"}"), state::take)
                    .run(AuthorizationMatrix.endpointsOf(mappings, path -> path.equals("/api/v1/call-events")));

            System.out.println("MATRIX " + result.summary("telephony-gateway"));
            assertThat(result.endpoints()).hasSizeGreaterThanOrEqualTo(5);
            assertThat(result.failures()).isEmpty();
            assertThat(result.changedState()).isEmpty();
        }
    }
}
