package io.ccagent.agent;

import io.ccagent.testkit.AuthorizationMatrixRun;
import io.ccagent.testkit.SpringInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of agent-service, found in its request mappings, refuses callers without the right
 * service token with a 401/403 problem detail and stores and publishes
 * nothing (the cases are in test-kit's AuthorizationMatrix, the run in its AuthorizationMatrixRun).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationMatrixIT {

    private static final String DATABASE = "agent-matrix-it";

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
        AuthorizationMatrixRun.of("agent-service", "http://localhost:" + port, DATABASE)
                .assertEveryEndpointRefuses(mappings, 7);
    }
}
