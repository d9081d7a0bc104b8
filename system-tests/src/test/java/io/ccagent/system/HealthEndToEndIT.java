package io.ccagent.system;

import io.ccagent.local.LocalSystem;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every service of the running system reports UP, with its Kafka and MongoDB connections, and serves metrics. */
@ExtendWith(LocalSystemExtension.class)
class HealthEndToEndIT {

    @ParameterizedTest
    @ValueSource(strings = {"agent-service", "queue-service", "stats-service", "telephony-gateway", "portal-bff"})
    void serviceIsUpAndExposesPrometheusMetrics(String module, LocalSystem system) {
        ServiceClient service = new ServiceClient(system, module);

        assertThat(service.get("/actuator/health").get("status").asString()).isEqualTo("UP");
        assertThat(service.get("/actuator/health/liveness").get("status").asString()).isEqualTo("UP");
        assertThat(service.get("/actuator/health/readiness").get("status").asString()).isEqualTo("UP");
        assertThat(service.getText("/actuator/prometheus")).contains("jvm_memory_used_bytes")
                .contains("application=\"" + module + "\"");
    }
}
