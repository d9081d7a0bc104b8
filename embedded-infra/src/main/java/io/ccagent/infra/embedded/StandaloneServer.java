package io.ccagent.infra.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one embedded server as a process of its own, so a benchmark measures Kafka, MongoDB and the service under test
 * in separate processes: {@code kafka PORT CONTROLLER_PORT DATA_DIR} or {@code mongo PORT DATA_DIR}. Prints
 * {@code READY <address>} once it accepts connections and runs until the process is terminated.
 */
public final class StandaloneServer {

    private StandaloneServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: kafka PORT CONTROLLER_PORT DATA_DIR | mongo PORT DATA_DIR");
            System.exit(2);
        }
        AutoCloseable server;
        String address;
        switch (args[0]) {
            case "kafka" -> {
                EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(Path.of(args[3]), Integer.parseInt(args[1]),
                        Integer.parseInt(args[2]));
                server = kafka;
                address = kafka.bootstrapServers();
            }
            case "mongo" -> {
                EmbeddedMongoServer mongo = EmbeddedMongoServer.persistent(Path.of(args[2]), Integer.parseInt(args[1]));
                server = mongo;
                address = mongo.connectionString();
            }
            default -> throw new IllegalArgumentException("unknown server " + args[0]);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("closing " + args[0] + ": " + e);
            }
        }));
        System.out.println("READY " + address);
        new CountDownLatch(1).await();
    }
}
