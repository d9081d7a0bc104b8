package io.ccagent.testkit;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring Boot test at the shared infrastructure, the same way the services read
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code MONGODB_URI}, {@code MONGODB_DATABASE} and {@code SERVICE_TOKEN_SECRET} in
 * production (the secret is {@link ServiceTokensForTests}'s).
 * Use from a {@code @DynamicPropertySource} method with a database name unique to the test class.
 */
public final class SpringInfrastructure {

    /** A test's web server listens on loopback only, as the local runtime's services do. */
    public static final String LOOPBACK = "127.0.0.1";

    private SpringInfrastructure() {
    }

    public static void register(DynamicPropertyRegistry registry, String database) {
        Infrastructure infrastructure = SharedInfrastructure.get();
        registry.add("KAFKA_BOOTSTRAP_SERVERS", infrastructure::kafkaBootstrapServers);
        registry.add("MONGODB_URI", infrastructure::mongoUri);
        registry.add("MONGODB_DATABASE", () -> database);
        // the services bind service-token.secret, the portal reads SERVICE_TOKEN_SECRET (as from the environment)
        registry.add("service-token.secret", () -> ServiceTokensForTests.SECRET);
        registry.add("SERVICE_TOKEN_SECRET", () -> ServiceTokensForTests.SECRET);
        registry.add("server.address", () -> LOOPBACK);
    }
}
