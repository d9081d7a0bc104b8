package io.ccagent.system.sip;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One sipp process playing a phone or a caller, with the scenarios the gateway's own tests use
 * ({@code telephony-gateway/src/test/resources/sipp}).
 */
public final class SippRun {

    private static final Path BINARY = Path.of("/usr/bin/sipp");
    private static final Path SCENARIOS = Path.of("../telephony-gateway/src/test/resources/sipp").toAbsolutePath();

    private final String scenario;
    private final Process process;
    private final Path log;

    private SippRun(String scenario, Process process, Path log) {
        this.scenario = scenario;
        this.process = process;
        this.log = log;
    }

    public static void requireSipp() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "sipp is not installed (apt-get install sip-tester)");
    }

    /**
     * Starts {@code scenario} from {@code localPort}, for {@code calls} calls; {@code target} is the gateway
     * (null for a phone that only answers); {@code keys} are sipp {@code -key} pairs, then optional extra options.
     */
    public static SippRun start(String scenario, int localPort, int calls, String target, List<String> keys, String... options) {
        try {
            Path log = Files.createTempFile("sipp-" + scenario, ".log");
            List<String> command = new ArrayList<>(List.of(BINARY.toString(),
                    "-sf", SCENARIOS.resolve(scenario + ".xml").toString(), "-i", "127.0.0.1",
                    "-p", Integer.toString(localPort), "-m", Integer.toString(calls), "-l", "1", "-nostdin",
                    "-timeout", "120s", "-timeout_error", "-max_recv_loops", "1000"));
            for (int i = 0; i < keys.size(); i += 2) {
                command.addAll(List.of("-key", keys.get(i), keys.get(i + 1)));
            }
            command.addAll(List.of(options));
            if (target != null) {
                command.add(target);
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new SippRun(scenario, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for sipp to finish and asserts every call of its scenario succeeded. */
    public void awaitSuccess(Duration timeout) throws InterruptedException {
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("sipp %s finished in time; log %s", scenario, log).isTrue();
        assertThat(process.exitValue()).as("sipp %s exit code; log: %s", scenario, tail()).isZero();
    }

    /** Waits for sipp to finish its calls, whatever the checks of its scenario said. */
    public void awaitFinished(Duration timeout) throws InterruptedException {
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("sipp %s finished in time; log %s", scenario, log).isTrue();
    }

    public void stop() {
        process.destroyForcibly();
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable " + log + ")";
        }
    }
}
