package io.ccagent.testkit;

/** Where an integration test finds its Kafka broker and MongoDB. */
public interface Infrastructure {

    String kafkaBootstrapServers();

    String mongoUri();

    /** {@code containers} or {@code embedded}; printed by tests so a run says what it ran on. */
    String mode();
}
