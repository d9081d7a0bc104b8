package io.ccagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs one sipp scenario from {@code src/test/resources/sipp} as a child process. */
final class Sipp {

    private static final Path BINARY = Path.of("/usr/bin/sipp");

    private final String scenario;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final List<String> options = new ArrayList<>();
    private String target;
    private int localPort;
    private String localAddress = "127.0.0.1";
    private boolean authenticates;
    private int calls = 1;
    private int concurrent = 1;
    private int ratePerSecond = 10;
    private Duration timeout = Duration.ofSeconds(40);
    private Process process;
    private Path workDir;

    private Sipp(String scenario) {
        this.scenario = scenario;
    }

    static Sipp scenario(String name) {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "sipp is not installed (apt-get install sip-tester)");
        return new Sipp(name);
    }

    Sipp key(String name, Object value) {
        keys.put(name, String.valueOf(value));
        return this;
    }

    /** The loopback address sipp sends from (127.0.0.0/8 all reach the gateway): another address is another source. */
    Sipp localAddress(String address) {
        this.localAddress = address;
        return this;
    }

    Sipp localPort(int port) {
        this.localPort = port;
        return this;
    }

    /** The gateway to send to; a scenario that starts by receiving needs none. */
    Sipp target(String hostAndPort) {
        this.target = hostAndPort;
        return this;
    }

    /**
     * Answers digest challenges as {@code user}. The digest {@code uri} must be the Request-URI (the gateway checks
     * it; sipp would use its remote address): {@code sip:[dial]@[tenant]} for the INVITE scenarios, else
     * {@code sip:[tenant]}, taken from the keys when the scenario starts.
     */
    Sipp credentials(String user, String password) {
        options.addAll(List.of("-au", user, "-ap", password));
        authenticates = true;
        return this;
    }

    /** Load mode: {@code calls} calls at {@code ratePerSecond}, at most {@code concurrent} at once, within {@code timeout}. */
    Sipp load(int calls, int ratePerSecond, int concurrent, Duration timeout) {
        this.calls = calls;
        this.ratePerSecond = ratePerSecond;
        this.concurrent = concurrent;
        this.timeout = timeout;
        return this;
    }

    /** How long the whole sipp run may take (sipp's {@code -timeout}; 40 s unless set). */
    Sipp timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    /** How long any expected message may take before the call fails (sipp's {@code -recv_timeout}). */
    Sipp recvTimeout(Duration limit) {
        options.addAll(List.of("-recv_timeout", Long.toString(limit.toMillis())));
        return this;
    }

    /** Duration of argument-less {@code <pause/>} elements. */
    Sipp pause(Duration duration) {
        options.addAll(List.of("-d", Long.toString(duration.toMillis())));
        return this;
    }

    Sipp start() {
        try {
            workDir = Files.createTempDirectory("sipp-");
            Path file = workDir.resolve(scenario + ".xml");
            try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario + ".xml")) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-sf", file.toString(),
                    "-i", localAddress, "-p", Integer.toString(localPort), "-m", Integer.toString(calls),
                    "-l", Integer.toString(concurrent), "-r", Integer.toString(ratePerSecond),
                    "-nostdin", "-trace_err", "-timeout", timeout.toSeconds() + "s", "-timeout_error",
                    "-max_recv_loops", "1000"));
            keys.forEach((name, value) -> command.addAll(List.of("-key", name, value)));
            command.addAll(options);
            if (authenticates) {
                String tenant = keys.get("tenant");
                String target = keys.containsKey("dial") ? keys.get("dial") + "@" + tenant : tenant;
                command.addAll(List.of("-auth_uri", target));
            }
            if (target != null) {
                command.add(target);
            }
            process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("out.log").toFile())
                    .start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the scenario to finish and asserts it succeeded (sipp exit code 0). */
    void awaitSuccess(Duration timeout) {
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            assertThat(finished).as("sipp %s finished in time; %s", scenario, diagnostics()).isTrue();
            assertThat(process.exitValue()).as("sipp %s exit code; %s", scenario, diagnostics()).isZero();
            deleteWorkDir();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** sipp's final report (statistics screen), for benchmarks. */
    String report() {
        try {
            return Files.readString(workDir.resolve("out.log"));
        } catch (IOException e) {
            return "(no report: " + e.getMessage() + ")";
        }
    }

    /** Waits for the process to exit and returns its exit code, keeping the work directory for {@link #report()}. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void deleteWorkDir() {
        try (var files = Files.list(workDir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(workDir);
        } catch (IOException e) {
            // Left for the OS to clean: only diagnostics of a passed scenario.
        }
    }

    private String diagnostics() {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(workDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                String content = Files.readString(file);
                text.append(file.getFileName()).append(":\n")
                        .append(content, Math.max(0, content.length() - 4000), content.length()).append('\n');
            }
        } catch (IOException e) {
            text.append("(no logs: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }
}
