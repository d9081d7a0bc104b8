package io.ccagent.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the command-line tools some checks use (kubectl, promtool, docker compose, Maven) when they are installed. */
final class Commands {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    record Result(int exitCode, String output) {
    }

    private Commands() {
    }

    /** Whether the command runs and exits 0: how a check finds out if a tool is installed. */
    static boolean succeeds(String... command) {
        try {
            return run(Path.of(""), command).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs the command in the directory; stdout and stderr together in the output. */
    static Result run(Path directory, String... command) throws IOException {
        return run(TIMEOUT, directory, command);
    }

    static Result run(Duration timeout, Path directory, String... command) throws IOException {
        return run(timeout, directory, Map.of(), command);
    }

    /** Runs the command with these variables added to the environment. */
    static Result run(Duration timeout, Path directory, Map<String, String> environment, String... command) throws IOException {
        Path output = Files.createTempFile("deploy-checks-command", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command));
            builder.environment().putAll(environment);
            Process process = builder
                    .directory(directory.toAbsolutePath().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.DISCARD.file())
                    .start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + timeout + ":\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
