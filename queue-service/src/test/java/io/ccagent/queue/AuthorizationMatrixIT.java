package io.ccagent.queue;

import io.ccagent.testkit.AuthorizationMatrix;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.SpringInfrastructure;
import io.ccagent.testkit.StoredState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of queue-service, found in its request mappings, refuses callers without the right
 * service token with a 401/403 problem detail and stores and publishes
 * nothing (the cases are in test-kit's AuthorizationMatrix).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationMatrixIT {

    private static final String TENANT = "matrix.example.com";
    private static final String DATABASE = "queue-matrix-it";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, DATABASE);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointRefusesCallersWithoutTheRightTokenAndChangesNothing() {
        try (StoredState state = StoredState.watch(SharedInfrastructure.get(), DATABASE,
                Set.of(TENANT, AuthorizationMatrix.OTHER_TENANT))) {
            AuthorizationMatrix.Result result = new AuthorizationMatrix("http://localhost:" + port, TENANT,
                    Map.of("POST /tenants/{tenant}/queues/{ext}/callers/{call}/pick",
                            "{\"agent\":\"1002@" + TENANT + "\",\"device\":\"1002a\"}"), state::take)
                    .run(AuthorizationMatrix.endpointsOf(mappings, path -> false));

            System.out.println("MATRIX " + result.summary("queue-service"));
            assertThat(result.endpoints()).hasSizeGreaterThanOrEqualTo(10);
            assertThat(result.failures()).isEmpty();
            assertThat(result.changedState()).isEmpty();
        }
    }
}
