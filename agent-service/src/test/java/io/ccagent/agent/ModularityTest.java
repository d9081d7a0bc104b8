package io.ccagent.agent;

import io.ccagent.testkit.FeaturePackages;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The map of agent-service: its feature packages and which others each may use (see {@link FeaturePackages}). */
class ModularityTest {

    @Test
    void featurePackagesUseOnlyWhatTheyDeclare() {
        FeaturePackages.of("io.ccagent.agent")
                .feature("agent", "config")
                .feature("calls", "agent", "config", "inbox", "queues")
                .feature("changes", "agent")
                .feature("config")
                .feature("history", "config")
                .feature("inbox")
                .feature("queues", "agent", "config", "inbox")
                .feature("web", "agent", "changes", "config", "history")
                .feature("wrapup", "agent", "config")
                .check(Path.of("src/main/java"));
    }
}
