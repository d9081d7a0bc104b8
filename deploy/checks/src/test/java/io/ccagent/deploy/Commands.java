package io.ccagent.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the command-line tools some checks use (kubectl, promtool, docker compose) when they are installed. */
final class Commands {

    private static final long TIMEOUT_SECONDS = 120;

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
        Process process = new ProcessBuilder(List.of(command))
                .directory(directory.toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
