package io.ccagent.system;

import io.ccagent.local.LocalSystem;
import io.ccagent.local.RuntimePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Stop the local runtime and start it again on the same data folder: the agent's last status is still there. */
class RestartKeepsDataIT {

    private static final RuntimePorts PORTS = RuntimePorts.defaults().shiftedBy(LocalSystemExtension.PORT_OFFSET + 2000);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void agentStatusSurvivesARestartOfEverything(@TempDir Path dataDir) {
        try (LocalSystem first = LocalSystem.start(ROOT, dataDir, PORTS, false)) {
            new ServiceClient(first, "agent-service").post("/tenants/xyzcorporation.com/agents/1005/status",
                    Map.of("status", "MEETING"), "1005@xyzcorporation.com");
        }

        try (LocalSystem second = LocalSystem.start(ROOT, dataDir, PORTS, false)) {
            String status = new ServiceClient(second, "agent-service")
                    .get("/tenants/xyzcorporation.com/agents/1005").get("status").asString();

            assertThat(status).isEqualTo("MEETING");
        }
    }
}
