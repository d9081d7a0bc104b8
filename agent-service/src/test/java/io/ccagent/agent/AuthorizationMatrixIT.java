package io.ccagent.agent;

import io.ccagent.testkit.AuthorizationMatrixRun;
import io.ccagent.testkit.SpringInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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

    @Test
    void everyEndpointRefusesCallersWithoutTheRightTokenAndChangesNothing(@Autowired ApplicationContext service) {
        AuthorizationMatrixRun.of("agent-service", DATABASE)
                .assertEveryEndpointRefuses(service, 7);
    }
}
