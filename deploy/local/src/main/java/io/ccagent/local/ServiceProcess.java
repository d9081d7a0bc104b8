package io.ccagent.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One service running as its own JVM, its output in a log file under the data folder. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final Process process;
    private final Path log;
    private final String baseUrl;

    private ServiceProcess(Service service, Process process, Path log, String baseUrl) {
        this.service = service;
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
    }

    static ServiceProcess launch(Service service, RuntimeConfig config) {
        try {
            Path logs = Files.createDirectories(config.dataDir().resolve("logs"));
            Path log = logs.resolve(service.module() + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(service.jvmOptions());
            command.add("-jar");
            command.add(runCopy(service.jar(config.repositoryRoot()), config.dataDir()).toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(service.environment(config));
            return new ServiceProcess(service, builder.start(), log, service.baseUrl(config.ports()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + service.module(), e);
        }
    }

    /**
     * The jar copied into the data folder, and run from there. A running service reads classes from its jar long
     * after it started, and {@code ./mvnw verify} in the same checkout (the quick start's second command) rewrites
     * the jars in {@code target/}: run from there, a service failed every request once its jar was rebuilt.
     */
    private static Path runCopy(Path jar, Path dataDir) throws IOException {
        Path copy = Files.createDirectories(dataDir.resolve("jars")).resolve(jar.getFileName());
        return Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
    }

    Service service() {
        return service;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the service reports ready; fails early if the process dies. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.module() + " exited with code " + process.exitValue()
                        + "; see " + log);
            }
            if (isReady()) {
                return;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(service.module() + " not ready after " + timeout + "; see " + log);
    }

    boolean isReady() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the JVM to stop (SIGTERM: graceful shutdown), and kills it if it does not within the grace period. */
    void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills the JVM without warning, as a crash would (kill -9). */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
