package io.ccagent.local;

import io.ccagent.infra.embedded.FreePorts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The demo trunk with sipp playing the gateway: it answers an outside number, plays its prompt, hangs up in time. */
class DemoTrunkIT {

    private static final Path SIPP = Path.of("/usr/bin/sipp");

    @Test
    void answersAnOutsideNumberPlaysThePromptAndHangsUpAfterTheLongestCall() throws Exception {
        assumeTrue(Files.isExecutable(SIPP), "sipp is not installed (apt-get install sip-tester)");
        int trunkPort = FreePorts.next();
        try (DemoTrunk trunk = new DemoTrunk(trunkPort, new DemoTrunk.Settings(Duration.ofMillis(200), Duration.ofSeconds(2)));
             DatagramSocket audio = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Path log = Files.createTempFile("sipp-demo-trunk", ".log");
            Process sipp = new ProcessBuilder(List.of(SIPP.toString(),
                    "-sf", Path.of("src/test/resources/sipp/outside-call-to-demo-trunk.xml").toAbsolutePath().toString(),
                    "-i", "127.0.0.1", "-p", Integer.toString(FreePorts.next()), "-m", "1", "-nostdin",
                    "-timeout", "30s", "-timeout_error", "-key", "dial", "+15557654321",
                    "-key", "rtp_port", Integer.toString(audio.getLocalPort()), "127.0.0.1:" + trunkPort))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();

            int packets = countRtp(audio, Duration.ofSeconds(5));
            assertThat(sipp.waitFor(30, TimeUnit.SECONDS)).as("sipp finished; log %s", log).isTrue();
            assertThat(sipp.exitValue()).as("answered, then hung up by the trunk; log:%n%s", Files.readString(log))
                    .isZero();
            // 2 s of 20 ms packets, give or take scheduling on a busy machine
            assertThat(packets).as("RTP packets of the prompt").isBetween(50, 110);
            assertThat(trunk.activeCalls()).as("calls the trunk still holds").isZero();
        }
    }

    private static int countRtp(DatagramSocket socket, Duration listen) throws IOException {
        socket.setSoTimeout(200);
        byte[] buffer = new byte[2048];
        int packets = 0;
        Instant end = Instant.now().plus(listen);
        while (Instant.now().isBefore(end)) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                if (packet.getLength() == 12 + 160 && (buffer[0] & 0xC0) == 0x80 && (buffer[1] & 0x7F) == 0) {
                    packets++;
                }
            } catch (SocketTimeoutException e) {
                // nothing this moment; listen on until the end
            }
        }
        return packets;
    }
}
