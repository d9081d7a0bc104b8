package io.ccagent.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar deploy/local/target/local-runtime-exec.jar [--data-dir DIR] [--simulate]}: runs the whole platform on
 * this machine until Ctrl-C. Data lives in one folder (default {@code .data}) and survives restarts.
 */
public final class LocalRuntime {

    private LocalRuntime() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(".data");
        boolean simulate = false;
        int portOffset = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--simulate" -> simulate = true;
                // every port shifted, so a benchmark's runtime never collides with a demo
                case "--port-offset" -> portOffset = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i]
                            + "; usage: [--data-dir DIR] [--simulate] [--port-offset N]");
                    System.exit(2);
                }
            }
        }
        Instant started = Instant.now();
        System.out.println("Starting Kafka, MongoDB and the five services (logs in " + dataDir.resolve("logs") + ") ...");
        LocalSystem system;
        try {
            system = LocalSystem.start(repositoryRoot(), dataDir, RuntimePorts.defaults().shiftedBy(portOffset), simulate);
        } catch (LocalSystem.PortTakenException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("Could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping ...");
            system.close();
            stopped.countDown();
        }));
        printWelcome(system, Duration.between(started, Instant.now()), simulate);
        stopped.await();
    }

    /** The folder holding the service modules: the working directory or one of its parents. */
    private static Path repositoryRoot() {
        Path candidate = Path.of("").toAbsolutePath();
        while (candidate != null) {
            if (Files.isDirectory(candidate.resolve("deploy/local")) && Files.isDirectory(candidate.resolve("portal-bff"))) {
                return candidate;
            }
            candidate = candidate.getParent();
        }
        throw new IllegalStateException("run this from inside the repository (no portal-bff folder found above "
                + Path.of("").toAbsolutePath() + ")");
    }

    private static void printWelcome(LocalSystem system, Duration startup, boolean simulate) {
        DemoTenant tenant = system.demoTenant();
        StringBuilder out = new StringBuilder();
        out.append("\nAll five services are UP after ").append(startup.toSeconds()).append(" s.\n\n");
        out.append("  Portal         ").append(system.portalUrl()).append('\n');
        out.append("  Demo mailbox   ").append(system.mailboxUrl()).append("   (password-reset mails land here)\n");
        out.append("  API docs       ").append(system.portalUrl()).append("/swagger-ui.html\n");
        out.append("  SIP            udp/tcp 127.0.0.1:").append(system.sipPort()).append(", domain ")
                .append(tenant.domain()).append('\n');
        out.append("  Outside calls  ").append(system.trunkUri())
                .append(system.hasDemoTrunk() ? "   (demo trunk: answers any outside number with a recorded prompt)\n" : "\n");
        out.append("  Kafka          ").append(system.kafkaBootstrapServers()).append('\n');
        out.append("  MongoDB        ").append(system.mongoUri()).append("\n\n");
        out.append("Demo logins (tenant ").append(tenant.domain()).append("):\n");
        for (DemoTenant.User user : tenant.users()) {
            out.append(String.format("  %-28s %-12s %-15s %s%n", user.login(tenant.domain()), user.password(),
                    user.scope(), user.devices().isEmpty() ? "" : "phones: " + user.devices().stream()
                            .map(d -> d.name() + "/" + d.password()).toList()));
        }
        out.append(simulate ? "\nSimulated callers and phones are running.\n"
                : "\nTip: start with --simulate for simulated callers and phones.\n");
        out.append("Press Ctrl-C to stop.\n");
        System.out.print(out);
    }
}
