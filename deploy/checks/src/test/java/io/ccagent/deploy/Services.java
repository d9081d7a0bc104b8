package io.ccagent.deploy;

import java.util.List;

/** The five services as operators run them: name, HTTP port and own MongoDB database. */
enum Services {
    PORTAL("portal-bff", 8080, "portal"),
    AGENT("agent-service", 8081, "agent"),
    QUEUE("queue-service", 8082, "queue"),
    STATS("stats-service", 8083, "stats"),
    GATEWAY("telephony-gateway", 8084, "gateway");

    static final int SIP_PORT = 5060;
    /** The gateway's internal HTTP listener (devices, API keys, originate, simulator): the portal's only. */
    static final int GATEWAY_INTERNAL_PORT = 8094;

    /** Variables every service reads from its environment. */
    static final List<String> COMMON_ENVIRONMENT =
            List.of("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "MONGODB_DATABASE", "PORT", "LOG_FORMAT", "SERVICE_TOKEN_SECRET");

    /** What portal-bff reads besides the common variables. */
    static final List<String> PORTAL_ENVIRONMENT = List.of("AGENT_SERVICE_URL", "QUEUE_SERVICE_URL", "STATS_SERVICE_URL",
            "GATEWAY_URL", "PROVISIONING_TOKEN", "SPRING_MAIL_HOST", "SPRING_MAIL_PORT");

    final String name;
    final int port;
    final String database;

    Services(String name, int port, String database) {
        this.name = name;
        this.port = port;
        this.database = database;
    }

    /** The image Jib builds for this service. */
    String image() {
        String version = System.getProperty("cca.version");
        if (version == null) {
            throw new IllegalStateException("system property cca.version is not set (the build passes the project version)");
        }
        return "cc-agent/" + name + ":" + version;
    }
}
