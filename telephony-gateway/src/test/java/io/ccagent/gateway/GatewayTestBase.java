package io.ccagent.gateway;

import io.ccagent.gateway.web.InternalListener;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.SpringInfrastructure;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * One running gateway (public and internal HTTP on random ports, SIP on 15070 bound to every interface and
 * advertised as 127.0.0.1, so the Via and Contact it writes are checked against the advertised address) shared by
 * every integration test class, on the test kit's real Kafka broker and MongoDB.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gateway.sip.bind-host=0.0.0.0",
        "gateway.sip.advertised-host=127.0.0.1",
        "gateway.sip.port=" + GatewayTestBase.SIP_PORT,
        "gateway.sip.trunk-uri=sip:127.0.0.1:" + GatewayTestBase.TRUNK_PORT,
        "gateway.sip.min-expires=1",
        "gateway.sip.registration-sweep=200ms",
        "gateway.sip.direct-ring-timeout=5s",
        "gateway.sip.requests-per-second-per-source=100000",
        "gateway.sip.auth-backoff-max=10s",
        "gateway.sip.ring-timeout-grace=2s",
        "gateway.http.internal-port=0",
        "LOG_FORMAT="})
abstract class GatewayTestBase {

    static final int SIP_PORT = 15070;
    static final int TRUNK_PORT = 15090;
    static final String GATEWAY = "127.0.0.1:" + SIP_PORT;

    static final Infrastructure infra = SharedInfrastructure.get();

    @LocalServerPort
    int httpPort;

    @Autowired
    InternalListener internalListener;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, "gateway-it");
    }

    /** The internal listener: every endpoint, as the portal and the seeder reach them. */
    RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + internalListener.port())
                .requestInterceptor(ServiceTokensForTests.asSystemOfPathTenant()).build();
    }

    /** The public listener: what a PBX reaches from outside. */
    RestClient publicHttp() {
        return RestClient.builder().baseUrl("http://localhost:" + httpPort).build();
    }

    void provisionDevice(String tenant, String device, String agent, String password) {
        http().put().uri("/tenants/{tenant}/devices/{device}", tenant, device)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("agent", agent + "@" + tenant, "password", password))
                .retrieve().toBodilessEntity();
    }
}
