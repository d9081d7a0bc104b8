package io.ccagent.gateway;

import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.SpringInfrastructure;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * One running gateway (HTTP on a random port, SIP on 15070) shared by every integration test class, on the test
 * kit's real Kafka broker and MongoDB.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gateway.sip.bind-host=127.0.0.1",
        "gateway.sip.advertised-host=127.0.0.1",
        "gateway.sip.port=" + GatewayTestBase.SIP_PORT,
        "gateway.sip.trunk-uri=sip:127.0.0.1:" + GatewayTestBase.TRUNK_PORT,
        "gateway.sip.min-expires=1",
        "gateway.sip.registration-sweep=200ms",
        "gateway.sip.direct-ring-timeout=5s",
        "gateway.sip.requests-per-second-per-source=100000",
        "LOG_FORMAT="})
abstract class GatewayTestBase {

    static final int SIP_PORT = 15070;
    static final int TRUNK_PORT = 15090;
    static final String GATEWAY = "127.0.0.1:" + SIP_PORT;

    static final Infrastructure infra = SharedInfrastructure.get();

    @LocalServerPort
    int httpPort;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, "gateway-it");
    }

    RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + httpPort)
                .requestInterceptor(ServiceTokensForTests.asSystemOfPathTenant()).build();
    }

    void provisionDevice(String tenant, String device, String agent, String password) {
        http().put().uri("/tenants/{tenant}/devices/{device}", tenant, device)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("agent", agent + "@" + tenant, "password", password))
                .retrieve().toBodilessEntity();
    }
}
