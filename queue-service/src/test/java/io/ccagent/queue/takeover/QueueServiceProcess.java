package io.ccagent.queue.takeover;

import io.ccagent.queue.QueueServiceApplication;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.ServiceTokensForTests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** queue-service in a JVM of its own, so a test can kill it the hard way (SIGKILL: no shutdown hook, no commit). */
final class QueueServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private QueueServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static QueueServiceProcess start(Infrastructure infrastructure, String name, String database, String... settings)
            throws IOException {
        Path log = Files.createTempFile("queue-service-" + name + "-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), QueueServiceApplication.class.getName(),
                "--server.port=0", "--service-token.secret=" + ServiceTokensForTests.SECRET,
                "--KAFKA_BOOTSTRAP_SERVERS=" + infrastructure.kafkaBootstrapServers(),
                "--MONGODB_URI=" + infrastructure.mongoUri(), "--MONGODB_DATABASE=" + database));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new QueueServiceProcess(process, log);
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    File log() {
        return log.toFile();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
