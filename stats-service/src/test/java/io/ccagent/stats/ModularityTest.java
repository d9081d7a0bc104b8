package io.ccagent.stats;

import io.ccagent.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The map of stats-service: its feature packages and which others each may use (see {@link FeaturePackages}). */
class ModularityTest {

    @Test
    void featurePackagesUseOnlyWhatTheyDeclare() {
        FeaturePackages.of("io.ccagent.stats")
                .feature("agent", "ingest", "store")
                .feature("ingest", "store")
                .feature("queue", "store")
                .feature("rebuild", "ingest", "store")
                .feature("retention", "store")
                .feature("store")
                .feature("web", "agent", "queue")
                .check(Path.of("src/main/java"));
    }
}
