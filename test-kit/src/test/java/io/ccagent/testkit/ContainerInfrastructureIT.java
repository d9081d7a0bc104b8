package io.ccagent.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same contract on the official Kafka and MongoDB images; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerInfrastructureIT extends InfrastructureContract {

    private static Infrastructure containers;

    @BeforeAll
    static void startContainers() {
        containers = SharedInfrastructure.startContainers();
    }

    @Override
    Infrastructure infrastructure() {
        return containers;
    }
}
