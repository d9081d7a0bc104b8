package io.ccagent.queue;

import io.ccagent.testkit.AuthorizationMatrixRun;
import io.ccagent.testkit.SpringInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every endpoint of queue-service, found in its request mappings, refuses callers without the right
 * service token with a 401/403 problem detail and stores and publishes
 * nothing (the cases are in test-kit's AuthorizationMatrix, the run in its AuthorizationMatrixRun).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationMatrixIT {

    private static final String DATABASE = "queue-matrix-it";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, DATABASE);
    }

    @Test
    void everyEndpointRefusesCallersWithoutTheRightTokenAndChangesNothing(@Autowired ApplicationContext service) {
        AuthorizationMatrixRun.of("queue-service", DATABASE)
                .withBody("POST /tenants/{tenant}/queues/{ext}/callers/{call}/pick",
                        "{\"agent\":\"1002@" + AuthorizationMatrixRun.TENANT + "\",\"device\":\"1002a\"}")
                .assertEveryEndpointRefuses(service, 10);
    }
}
