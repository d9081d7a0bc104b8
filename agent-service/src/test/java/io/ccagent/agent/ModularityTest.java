package io.ccagent.agent;

import io.ccagent.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The map of agent-service: its feature packages and which others each may use (see {@link FeaturePackages}). */
class ModularityTest {

    @Test
    void featurePackagesUseOnlyWhatTheyDeclare() {
        FeaturePackages.of("io.ccagent.agent")
                .feature("agents", "config")
                .feature("calls", "agents", "config", "inbox", "queues")
                .feature("changes", "agents")
                .feature("config")
                .feature("history", "config")
                .feature("inbox")
                .feature("queues", "agents", "config", "inbox")
                .feature("web", "agents", "changes", "config", "history")
                .feature("wrapup", "agents", "config")
                .check(Path.of("src/main/java"));
    }
}
