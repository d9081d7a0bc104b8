package io.ccagent.system;

import io.ccagent.local.LocalSystem;
import io.ccagent.local.RuntimePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The local runtime is for this machine only: no port of it (five services, SIP, Kafka, MongoDB, the demo mailbox)
 * answers from another address, and every one of its listening sockets is bound to loopback.
 */
@ExtendWith(LocalSystemExtension.class)
class LoopbackOnlyEndToEndIT {

    private static final Map<String, Integer> PORTS =
            RuntimePorts.defaults().shiftedBy(LocalSystemExtension.PORT_OFFSET).byOwner();

    @Test
    void noPortOfTheRuntimeAnswersFromAnotherMachine(LocalSystem system) throws IOException {
        NetworkNamespace other;
        try {
            other = NetworkNamespace.create();
        } catch (IllegalStateException e) {
            assumeTrue(false, "cannot make a network namespace here (needs root and iproute2): " + e.getMessage());
            return;
        }
        try (other; ServerSocket exposed = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            // the probe sees a port that is open to the network, else its "no answer" below would prove nothing
            assumeTrue(other.canConnect(exposed.getLocalPort()), "the namespace cannot reach this host at all");

            PORTS.forEach((owner, port) -> assertThat(other.canConnect(port))
                    .as("%s (port %d) answers on %s", owner, port, NetworkNamespace.HOST_ADDRESS).isFalse());
        }
    }

    @Test
    void everyListeningSocketOfTheRuntimeIsBoundToLoopback(LocalSystem system) throws Exception {
        Process ss = new ProcessBuilder("ss", "-Hlntu").redirectErrorStream(true).start();
        List<String> sockets = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assumeTrue(ss.waitFor() == 0, "ss is not available");

        PORTS.forEach((owner, port) -> {
            List<String> local = sockets.stream().map(line -> line.trim().split("\\s+"))
                    .filter(columns -> columns.length >= 5 && columns[4].endsWith(":" + port))
                    .map(columns -> columns[0] + " " + columns[4]).toList();
            assertThat(local).as("%s listens on port %d", owner, port).isNotEmpty();
            assertThat(local).as("sockets of %s", owner).allSatisfy(socket ->
                    assertThat(socket).containsAnyOf(" 127.0.0.1:", " [::ffff:127.0.0.1]:"));
        });
    }
}
