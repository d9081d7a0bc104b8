package io.ccagent.harness.system;

import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.identity.ServiceTokens;
import io.ccagent.local.DemoTenant;
import io.ccagent.local.LocalSystem;
import io.ccagent.local.RuntimePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system under test: the lead's local runtime (real Kafka broker, Mongo wire server, each service its own JVM)
 * started from the service jars of {@code repositoryRoot}, on ports shifted by {@value #PORT_OFFSET} so a harness
 * run never collides with a demo or the end-to-end tests.
 */
public final class HarnessSystem implements AutoCloseable {

    /** Keeps every port below Linux's ephemeral range (32768+), where a client socket could hold one. */
    public static final int PORT_OFFSET = 2000;
    private static final int START_ATTEMPTS = 3;
    public static final List<String> SERVICES = List.of("agent-service", "queue-service", "stats-service",
            "telephony-gateway", "portal-bff");

    private final LocalSystem system;
    private final Path repositoryRoot;

    private HarnessSystem(LocalSystem system, Path repositoryRoot) {
        this.system = system;
        this.repositoryRoot = repositoryRoot;
    }

    /**
     * Starts everything in a fresh data folder under {@code workDir} and returns once the demo tenant is seeded
     * ({@code seedDemoTenant=false} skips seeding, for services that cannot provision yet).
     */
    public static HarnessSystem start(Path repositoryRoot, Path workDir, boolean seedDemoTenant) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(repositoryRoot, workDir, seedDemoTenant);
            } catch (RuntimeException e) {
                // a port can still be held for a moment by a socket that is closing, and the service that needs
                // it exits; a fresh start a little later gets it
                if (attempt == START_ATTEMPTS || !String.valueOf(e.getMessage()).matches("(?s).*(already in use|exited with code).*")) {
                    throw e;
                }
                System.out.println("start attempt " + attempt + " failed (" + e.getMessage() + "); trying again");
                sleep(Duration.ofSeconds(20));
            }
        }
    }

    private static HarnessSystem startOnce(Path repositoryRoot, Path workDir, boolean seedDemoTenant) {
        try {
            Path dataDir = Files.createDirectories(workDir).resolve("data-" + Instant.now().toEpochMilli());
            Files.createDirectories(dataDir);
            if (!seedDemoTenant) {
                // the local runtime seeds only when this marker is missing
                Files.writeString(dataDir.resolve("demo-tenant.seeded"), "skipped by the harness\n");
            }
            Path root = repositoryRoot.toAbsolutePath().normalize();
            return new HarnessSystem(LocalSystem.start(root, dataDir, RuntimePorts.defaults().shiftedBy(PORT_OFFSET),
                    false), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DemoTenant tenant() {
        return system.demoTenant();
    }

    public String url(String module) {
        return system.url(module);
    }

    /** A client of one service, signed as the harness (role SYSTEM of the demo tenant) with fresh tokens. */
    public Http service(String module) {
        return Http.signed(system.url(module), () -> authorization("harness", Role.SYSTEM));
    }

    /** A client of one service that presents no token (to check refusals). */
    public Http unsignedService(String module) {
        return new Http(system.url(module));
    }

    /** An {@code Authorization} value for this login and role of the demo tenant. */
    public String authorization(String login, Role role) {
        return system.serviceTokens().authorization(new Actor(tenant().domain(), login, role));
    }

    /** Mints tokens with the deployment's secret (for tokens of other tenants, expired ones, ...). */
    public ServiceTokens serviceTokens() {
        return system.serviceTokens();
    }

    public String kafka() {
        return system.kafkaBootstrapServers();
    }

    public int sipPort() {
        return system.sipPort();
    }

    /** Kill -9, then start again; returns how long until the service answered ready. */
    public Duration killAndRestart(String module) {
        Instant killed = Instant.now();
        system.kill(module);
        system.restart(module);
        return Duration.between(killed, Instant.now());
    }

    /** The operating-system process of a service, found by the jar it runs. */
    public Optional<ProcessHandle> process(String module) {
        return processOf(repositoryRoot, module);
    }

    /** The operating-system process running a module's jar of this repository, whoever started it. */
    public static Optional<ProcessHandle> processOf(Path repositoryRoot, String module) {
        String jarFolder = repositoryRoot.toAbsolutePath().normalize().resolve(module).resolve("target").toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains(jarFolder)).orElse(false))
                .findFirst();
    }

    /** Resident memory of each service in MiB, read from /proc; -1 when the process is not found. */
    public Map<String, Long> residentMemoryMiB() {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (String module : SERVICES) {
            rss.put(module, process(module).map(p -> ResidentMemory.ofPid(p.pid())).orElse(-1L));
        }
        rss.put("harness + Kafka + Mongo (this JVM)", ResidentMemory.ofPid(ProcessHandle.current().pid()));
        return rss;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        system.close();
    }
}
