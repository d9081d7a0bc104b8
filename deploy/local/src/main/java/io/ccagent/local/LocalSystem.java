package io.ccagent.local;

import io.ccagent.identity.ServiceTokens;
import io.ccagent.infra.embedded.EmbeddedKafkaBroker;
import io.ccagent.infra.embedded.EmbeddedMongoServer;
import io.ccagent.infra.embedded.FreePorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The whole platform on one machine: a real Kafka broker and a MongoDB wire server in this JVM, each service in its
 * own JVM, and the demo tenant. Used by {@link LocalRuntime} and by the end-to-end tests.
 */
public final class LocalSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalSystem.class);
    /** Generous for a busy 2-core machine; {@code CCA_STARTUP_TIMEOUT_SECONDS} changes it. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("CCA_STARTUP_TIMEOUT_SECONDS", "300")));

    private final RuntimeConfig config;
    private final EmbeddedKafkaBroker kafka;
    private final EmbeddedMongoServer mongo;
    private final DemoMailbox mailbox;
    /** Null when {@code SIP_TRUNK_URI} names a trunk of the operator's own. */
    private final DemoTrunk demoTrunk;
    private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);

    private LocalSystem(RuntimeConfig config, EmbeddedKafkaBroker kafka, EmbeddedMongoServer mongo, DemoMailbox mailbox,
                        DemoTrunk demoTrunk) {
        this.config = config;
        this.kafka = kafka;
        this.mongo = mongo;
        this.mailbox = mailbox;
        this.demoTrunk = demoTrunk;
    }

    /** Starts everything and returns once every service is ready and the demo tenant exists. */
    public static LocalSystem start(Path repositoryRoot, Path dataDir, RuntimePorts ports, boolean simulate) {
        String ownTrunk = System.getenv().getOrDefault("SIP_TRUNK_URI", "");
        RuntimeConfig config = new RuntimeConfig(repositoryRoot, dataDir, ports, simulate,
                ServiceSecret.loadOrCreate(dataDir.toAbsolutePath().normalize()),
                ownTrunk.isBlank() ? DemoTrunk.uri(ports.demoTrunk()) : ownTrunk);
        requirePortsFree(ports);
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(config.dataDir().resolve("kafka"), ports.kafka(),
                ports.kafkaController());
        EmbeddedMongoServer mongo = EmbeddedMongoServer.persistent(config.dataDir().resolve("mongo"), ports.mongo());
        DemoMailbox mailbox = new DemoMailbox(ports.smtp(), ports.mailbox());
        DemoTrunk demoTrunk = ownTrunk.isBlank()
                ? new DemoTrunk(ports.demoTrunk(), DemoTrunk.Settings.fromEnvironment(System.getenv())) : null;
        LocalSystem system = new LocalSystem(config, kafka, mongo, mailbox, demoTrunk);
        try {
            KafkaTopics.ensureCreated(kafka.bootstrapServers());
            system.startServices();
            system.seedOnce();
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private static void requirePortsFree(RuntimePorts ports) {
        List<String> taken = new ArrayList<>();
        ports.byOwner().forEach((owner, port) -> {
            if (FreePorts.isTaken(port)) {
                taken.add(port + " (" + owner + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new PortTakenException("port already in use: " + String.join(", ", taken)
                    + ". Stop whatever listens there (another local runtime?) and try again.");
        }
    }

    private void startServices() {
        for (Service service : Service.values()) {
            processes.put(service, ServiceProcess.launch(service, config));
        }
        CompletableFuture.allOf(processes.values().stream()
                        .map(process -> CompletableFuture.runAsync(() -> process.awaitReady(READY_TIMEOUT)))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    /** Seeds the demo tenant on the first start only, so edits made in the portal survive restarts. */
    private void seedOnce() {
        Path marker = config.dataDir().resolve("demo-tenant.seeded");
        if (Files.exists(marker)) {
            return;
        }
        new DemoSeeder(this::url, serviceTokens(), DemoSeeder.FAIL).seed(DemoTenant.load());
        try {
            Files.writeString(marker, "seeded from demo-tenant.yaml\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills a service like a crash would (kill -9). */
    public void kill(String module) {
        processes.get(byModule(module)).kill();
    }

    /** Starts a killed or stopped service again and waits until it is ready. */
    public void restart(String module) {
        Service service = byModule(module);
        ServiceProcess old = processes.get(service);
        if (old.isAlive()) {
            old.stop(Duration.ofSeconds(20));
        }
        ServiceProcess fresh = ServiceProcess.launch(service, config);
        processes.put(service, fresh);
        fresh.awaitReady(READY_TIMEOUT);
    }

    public String url(String module) {
        return byModule(module).baseUrl(config.ports());
    }

    /** Mints the tokens the services accept (signed with this deployment's secret), for seeding and tests. */
    public ServiceTokens serviceTokens() {
        return ServiceTokens.withSecret(config.serviceTokenSecret());
    }

    public String portalUrl() {
        return url("portal-bff");
    }

    public String mailboxUrl() {
        return "http://localhost:" + config.ports().mailbox();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String mongoUri() {
        return mongo.connectionString();
    }

    public int sipPort() {
        return config.ports().sip();
    }

    /** The gateway's trunk for outside calls: the demo trunk's address, or the operator's {@code SIP_TRUNK_URI}. */
    public String trunkUri() {
        return config.trunkUri();
    }

    /** Whether outside calls go to the {@link DemoTrunk} (no {@code SIP_TRUNK_URI} was given). */
    public boolean hasDemoTrunk() {
        return demoTrunk != null;
    }

    public DemoTenant demoTenant() {
        return DemoTenant.load();
    }

    private static Service byModule(String module) {
        for (Service service : Service.values()) {
            if (service.module().equals(module)) {
                return service;
            }
        }
        throw new IllegalArgumentException("no service called " + module);
    }

    @Override
    public void close() {
        processes.values().parallelStream().forEach(process -> process.stop(Duration.ofSeconds(20)));
        if (demoTrunk != null) {
            closeQuietly(demoTrunk);
        }
        closeQuietly(mailbox);
        closeQuietly(mongo);
        closeQuietly(kafka);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("error while stopping {}: {}", resource.getClass().getSimpleName(), e.getMessage());
        }
    }

    /** Thrown when a port the runtime needs is already in use. */
    public static final class PortTakenException extends RuntimeException {

        PortTakenException(String message) {
            super(message);
        }
    }
}
