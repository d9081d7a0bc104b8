package io.ccagent.testkit;

import io.ccagent.infra.embedded.EmbeddedKafkaBroker;
import io.ccagent.infra.embedded.EmbeddedMongoServer;
import io.ccagent.infra.embedded.FreePorts;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;

/**
 * One Kafka broker and one MongoDB per test JVM, started on first use and stopped when the JVM exits.
 * {@code CCA_TEST_INFRA=containers|embedded|auto} (default {@code auto}: containers when Docker answers).
 * Tests keep apart by using their own database names, consumer groups and tenants.
 */
public final class SharedInfrastructure {

    public static final String MODE_VARIABLE = "CCA_TEST_INFRA";

    private static Infrastructure instance;

    private SharedInfrastructure() {
    }

    public static synchronized Infrastructure get() {
        if (instance == null) {
            instance = start(requestedMode());
        }
        return instance;
    }

    private static String requestedMode() {
        String mode = System.getenv().getOrDefault(MODE_VARIABLE, System.getProperty(MODE_VARIABLE, "auto"))
                .toLowerCase(Locale.ROOT);
        if (mode.equals("auto")) {
            return dockerAvailable() ? "containers" : "embedded";
        }
        if (!mode.equals("containers") && !mode.equals("embedded")) {
            throw new IllegalArgumentException(MODE_VARIABLE + " must be containers, embedded or auto, not " + mode);
        }
        return mode;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Infrastructure start(String mode) {
        return mode.equals("containers") ? startContainers() : startEmbedded();
    }

    /** Real Kafka and MongoDB images through Testcontainers; needs a Docker engine. Stopped at JVM exit. */
    public static Infrastructure startContainers() {
        // as the compose broker: allows the router's 2 s session timeout
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2")
                .withEnv("KAFKA_GROUP_MIN_SESSION_TIMEOUT_MS", "2000");
        MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
        kafka.start();
        mongo.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            mongo.stop();
        }));
        return new Running(kafka.getBootstrapServers(), mongo.getConnectionString(), "containers");
    }

    private static Infrastructure startEmbedded() {
        try {
            var dataDir = Files.createTempDirectory("cca-test-kafka");
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDir, FreePorts.next(), FreePorts.next());
            EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory(0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                mongo.close();
                kafka.close();
            }));
            return new Running(kafka.bootstrapServers(), mongo.connectionString(), "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Running(String kafkaBootstrapServers, String mongoUri, String mode) implements Infrastructure {
    }
}
