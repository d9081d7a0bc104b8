package io.ccagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccagent.infra.embedded.FreePorts;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds stats-service's image with Jib from the root pom's configuration (as a tarball, on an empty base image so
 * no registry is needed), unpacks its layers and runs the image's own entry point (JVM flags, classpath file, main
 * class, environment) as a plain process against a real Kafka broker and MongoDB, until actuator reports it ready.
 * This is the configuration a container runs, shown working outside one.
 */
class ImageEntryPointIT {

    private static final String SERVICE = "stats-service";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void statsServiceImageEntryPointStartsAndBecomesReady(@TempDir Path work) throws Exception {
        Path tarball = work.resolve("image.tar");
        Path root = RepositoryFiles.root();
        Commands.Result build = Commands.run(BUILD_TIMEOUT, root, root.resolve("mvnw").toString(), "-B", "-q",
                "-pl", SERVICE, "-am", "package", "jib:buildTar", "-Dmaven.test.skip=true", "-Djib.from.image=scratch",
                "-Djib.outputPaths.tar=" + tarball, "-Djib.outputPaths.digest=" + work.resolve("digest"),
                "-Djib.outputPaths.imageId=" + work.resolve("id"), "-Djib.outputPaths.imageJson=" + work.resolve("image.json"));
        assertThat(build.exitCode()).as("jib:buildTar of %s:%n%s", SERVICE, build.output()).isZero();

        Path image = unpack(tarball, work.resolve("image"));
        JsonNode manifest = JSON.readTree(Files.readString(image.resolve("manifest.json"))).get(0);
        assertThat(manifest.path("RepoTags").get(0).asString()).isEqualTo("cc-agent/" + SERVICE + ":" + System.getProperty("cca.version"));
        JsonNode config = JSON.readTree(Files.readString(image.resolve(manifest.path("Config").asString()))).path("config");
        assertThat(config.path("User").asString()).isEqualTo("1000:1000");

        List<String> entryPoint = new ArrayList<>();
        config.path("Entrypoint").forEach(argument -> entryPoint.add(argument.asString()));
        assertThat(entryPoint).startsWith("java").contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "-cp", "@/app/jib-classpath-file");

        Path filesystem = work.resolve("filesystem");
        Files.createDirectories(filesystem);
        for (JsonNode layer : manifest.path("Layers")) {
            untar(image.resolve(layer.asString()), filesystem, "-xzf");
        }
        Path classpath = work.resolve("classpath");
        Files.writeString(classpath, Files.readString(filesystem.resolve("app/jib-classpath-file"))
                .replace("/app/", filesystem.resolve("app") + "/"));

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        entryPoint.subList(1, entryPoint.size()).forEach(argument ->
                command.add(argument.equals("@/app/jib-classpath-file") ? "@" + classpath : argument));

        Infrastructure infrastructure = SharedInfrastructure.get();
        int port = FreePorts.next();
        ProcessBuilder service = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile());
        config.path("Env").forEach(variable -> {
            String[] pair = variable.asString().split("=", 2);
            service.environment().put(pair[0], pair[1]);
        });
        service.environment().putAll(Map.of(
                "PORT", String.valueOf(port),
                "KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers(),
                "MONGODB_URI", infrastructure.mongoUri(),
                "MONGODB_DATABASE", "deploy-checks-entry-point",
                "SERVICE_TOKEN_SECRET", ServiceTokensForTests.SECRET));

        Process process = service.start();
        try {
            String readiness = awaitReadiness(process, port);
            assertThat(readiness).as("readiness of the image's entry point; log:%n%s", log(work)).contains("\"status\":\"UP\"");
            assertThat(get(port, "/actuator/prometheus").body()).contains("application=\"" + SERVICE + "\"");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(process.isAlive()).isFalse();
    }

    private static String awaitReadiness(Process process, int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                HttpResponse<String> response = get(port, "/actuator/health/readiness");
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException notListeningYet) {
                last = notListeningYet.toString();
            }
            Thread.sleep(500);
        }
        return process.isAlive() ? last : "the process exited with " + process.exitValue();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path unpack(Path tarball, Path into) throws IOException {
        Files.createDirectories(into);
        untar(tarball, into, "-xf");
        return into;
    }

    private static void untar(Path archive, Path into, String mode) throws IOException {
        Commands.Result result = Commands.run(into, "tar", mode, archive.toString(), "-C", into.toString());
        assertThat(result.exitCode()).as("tar %s %s: %s", mode, archive, result.output()).isZero();
    }

    private static String log(Path work) throws IOException {
        Path log = work.resolve("service.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
