package io.ccagent.infra.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.ccagent.infra.embedded.mvstore.MvStoreBackend;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server in this JVM (mongo-java-server). It has no transactions, no TTL expiry and no oplog
 * (so no change streams); the platform's code relies on none of them. An oplog here would store every write a second
 * time and keep it forever.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final int DEFAULT_CACHE_MB = 64;

    private final MongoServer server;
    private final int port;

    private EmbeddedMongoServer(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * A server whose data survives restarts, kept in one H2 file under {@code dataDir}, with up to
     * {@code CCA_MONGO_CACHE_MB} (default {@value #DEFAULT_CACHE_MB}) of its pages in memory.
     */
    public static EmbeddedMongoServer persistent(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MVStore store = MvStoreBackend.openStore(dataDir.resolve("mongo.mv"), cacheMegabytes());
        return start(new MvStoreBackend(store) {
            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                return super.handleCommand(channel, database, legacyName(command), query);
            }
        }, port);
    }

    /** A throw-away server for tests. */
    public static EmbeddedMongoServer inMemory(int port) {
        return start(new MemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                return super.handleCommand(channel, database, legacyName(command), query);
            }
        }, port);
    }

    private static int cacheMegabytes() {
        String configured = System.getenv("CCA_MONGO_CACHE_MB");
        return configured == null || configured.isBlank() ? DEFAULT_CACHE_MB : Integer.parseInt(configured.trim());
    }

    /**
     * The server knows the handshake only by its legacy name {@code isMaster}; drivers and Spring Boot's health check
     * ask for {@code hello}, which is the same command.
     */
    private static String legacyName(String command) {
        return "hello".equalsIgnoreCase(command) ? "isMaster" : command;
    }

    private static EmbeddedMongoServer start(MongoBackend backend, int port) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port); // loopback only
        return new EmbeddedMongoServer(server, server.getLocalAddress().getPort());
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
