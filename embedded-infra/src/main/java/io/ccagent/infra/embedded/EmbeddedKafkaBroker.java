package io.ccagent.infra.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real Apache Kafka broker, single node, KRaft mode (broker and controller in one), running in this JVM.
 * Its data and cluster id live under {@code dataDir}, so a restart finds every topic and offset again.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a broker on {@code port} (client listener) and {@code controllerPort}. */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, int controllerPort) {
        Properties props = brokerProperties(dataDir, port, controllerPort);
        formatStorageOnce(dataDir, props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafkaBroker(server, port);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties brokerProperties(Path dataDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.put("node.id", "1");
        props.put("process.roles", "broker,controller");
        // loopback only: the broker is for this machine's processes, never the network
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("logs").toString());
        props.put("metadata.log.dir", dataDir.resolve("metadata").toString());
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // the router's group notices a crashed instance after 2 s (queue-service's ROUTING_SESSION_TIMEOUT); the
        // broker's default minimum, 6 s, would refuse it
        props.put("group.min.session.timeout.ms", "2000");
        // No fsync per append (Kafka's default, and what the compose and Kubernetes brokers run with): appended data
        // sits in the page cache, which a killed broker process does not lose. With an fsync per append every
        // routing transaction waited for about ten of them in a row (its records, the transaction log, the
        // offsets, the markers): 528 fsyncs of 10 ms or more in one 20 s routing benchmark on a busy machine.
        return props;
    }

    /** Formats the storage the first time; the cluster id is kept in the data folder so restarts reuse it. */
    private static void formatStorageOnce(Path dataDir, Properties props) {
        try {
            Files.createDirectories(dataDir);
            Path clusterIdFile = dataDir.resolve("cluster.id");
            if (!Files.exists(clusterIdFile)) {
                Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
            }
            Path config = dataDir.resolve("server.properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "embedded Kafka broker");
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[]{"format", "-t", Files.readString(clusterIdFile).trim(),
                    "-c", config.toString(), "--ignore-formatted"}, new PrintStream(log, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("could not format Kafka storage: " + log.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
