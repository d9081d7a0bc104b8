package io.ccagent.gateway;

import io.ccagent.testkit.AuthorizationMatrixRun;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every endpoint of telephony-gateway, found in its request mappings, refuses callers without the right
 * service token with a 401/403 problem detail and stores and publishes
 * nothing (the cases are in test-kit's AuthorizationMatrix, the run in its AuthorizationMatrixRun). Asked on the
 * internal listener, where these endpoints are served; the public one answers 404 to all but the call-event API
 * (HttpListenersIT), which is guarded by API keys instead (PbxCallEventApiIT).
 */
class AuthorizationMatrixIT extends GatewayTestBase {

    @Test
    void everyEndpointRefusesCallersWithoutTheRightTokenAndChangesNothing(@Autowired ApplicationContext gateway) {
        AuthorizationMatrixRun.of("telephony-gateway", "gateway-it")
                .at("http://localhost:" + internalListener.port())
                .withBody("POST /tenants/{tenant}/calls/originate",
                        "{\"agent\":\"1002\",\"device\":\"1002a\",\"to\":\"5551234\"}")
                .except(path -> path.equals("/api/v1/call-events"))
                .assertEveryEndpointRefuses(gateway, 5);
    }
}
