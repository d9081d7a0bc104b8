package io.ccagent.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The five services: their module, database and the environment each one is started with. */
enum Service {
    AGENT("agent-service", "agent"),
    QUEUE("queue-service", "queue"),
    STATS("stats-service", "stats"),
    GATEWAY("telephony-gateway", "gateway"),
    PORTAL("portal-bff", "portal");

    static final String PROVISIONING_TOKEN = "local-dev-token";

    private final String module;
    private final String database;

    Service(String module, String database) {
        this.module = module;
        this.database = database;
    }

    String module() {
        return module;
    }

    int port(RuntimePorts ports) {
        return switch (this) {
            case AGENT -> ports.agent();
            case QUEUE -> ports.queue();
            case STATS -> ports.stats();
            case GATEWAY -> ports.gateway();
            case PORTAL -> ports.portal();
        };
    }

    /** Where the service's APIs are: for the gateway its internal listener (the public one serves PBXes only). */
    String baseUrl(RuntimePorts ports) {
        return "http://" + RuntimeConfig.BIND_ADDRESS + ":" + (this == GATEWAY ? ports.gatewayInternal() : port(ports));
    }

    /** The Boot fat jar Maven built for this module. */
    Path jar(Path repositoryRoot) {
        Path target = repositoryRoot.resolve(module).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().matches(module + "-[0-9].*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar for " + module + " in " + target
                            + "; build first: ./mvnw -DskipTests package"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Map<String, String> environment(RuntimeConfig config) {
        RuntimePorts ports = config.ports();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", String.valueOf(port(ports)));
        env.put("SERVER_ADDRESS", RuntimeConfig.BIND_ADDRESS);
        env.put("KAFKA_BOOTSTRAP_SERVERS", RuntimeConfig.BIND_ADDRESS + ":" + ports.kafka());
        env.put("MONGODB_URI", "mongodb://" + RuntimeConfig.BIND_ADDRESS + ":" + ports.mongo());
        env.put("MONGODB_DATABASE", database);
        env.put("LOG_FORMAT", "ecs");
        env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        env.put("SERVICE_TOKEN_SECRET", config.serviceTokenSecret());
        switch (this) {
            case GATEWAY -> {
                env.put("SIP_PORT", String.valueOf(ports.sip()));
                env.put("INTERNAL_PORT", String.valueOf(ports.gatewayInternal()));
                env.put("SIP_BIND_HOST", RuntimeConfig.BIND_ADDRESS);
                env.put("SIMULATOR_ENABLED", String.valueOf(config.simulate()));
                env.put("SIP_TRUNK_URI", config.trunkUri());
            }
            case PORTAL -> {
                env.put("AGENT_SERVICE_URL", AGENT.baseUrl(ports));
                env.put("QUEUE_SERVICE_URL", QUEUE.baseUrl(ports));
                env.put("STATS_SERVICE_URL", STATS.baseUrl(ports));
                env.put("GATEWAY_URL", GATEWAY.baseUrl(ports));
                env.put("PROVISIONING_TOKEN", PROVISIONING_TOKEN);
                env.put("SPRING_MAIL_HOST", RuntimeConfig.BIND_ADDRESS);
                env.put("SPRING_MAIL_PORT", String.valueOf(ports.smtp()));
                env.put("PORTAL_BASE_URL", "http://localhost:" + ports.portal());
                env.put("DEMO_MAILBOX_URL", "http://localhost:" + ports.mailbox());
            }
            default -> {
            }
        }
        return env;
    }

    /** Small heaps: five JVMs share a laptop-sized machine. */
    List<String> jvmOptions() {
        return List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    }
}
