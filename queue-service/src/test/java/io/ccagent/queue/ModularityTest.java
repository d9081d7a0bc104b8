package io.ccagent.queue;

import io.ccagent.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The map of queue-service: its feature packages and which others each may use (see {@link FeaturePackages}). */
class ModularityTest {

    @Test
    void featurePackagesUseOnlyWhatTheyDeclare() {
        FeaturePackages.of("io.ccagent.queue")
                .feature("agentstatus", "projection")
                .feature("availability", "projection")
                .feature("callers", "projection")
                .feature("projection")
                .feature("queues", "callers")
                .feature("routing")
                .feature("web")
                .check(Path.of("src/main/java"));
    }
}
