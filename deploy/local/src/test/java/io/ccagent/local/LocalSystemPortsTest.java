package io.ccagent.local;

import io.ccagent.infra.embedded.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalSystemPortsTest {

    @Test
    void refusesToStartWhenAPortIsTakenAndSaysWhichOne(@TempDir Path dataDir) throws IOException {
        RuntimePorts ports = RuntimePorts.defaults().shiftedBy(FreePorts.next() % 1000 + 30000);
        try (ServerSocket squatter = new ServerSocket(ports.queue())) {
            assertThatThrownBy(() -> LocalSystem.start(Path.of("../.."), dataDir, ports, false))
                    .isInstanceOf(LocalSystem.PortTakenException.class)
                    .hasMessageContaining(ports.queue() + " (queue-service)");
        }
        assertThat(Files.exists(dataDir.resolve("kafka"))).as("nothing started before the check").isFalse();
    }

    @Test
    void shiftingMovesEveryPort() {
        RuntimePorts shifted = RuntimePorts.defaults().shiftedBy(100);

        assertThat(shifted.byOwner().values()).containsExactlyElementsOf(
                RuntimePorts.defaults().byOwner().values().stream().map(p -> p + 100).toList());
    }
}
