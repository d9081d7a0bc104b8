package io.ccagent.local;

import java.nio.file.Path;

/**
 * How to run the local system: where the service jars are (the repository root), where data lives,
 * which ports to use, and whether the gateway's simulator drives demo traffic.
 */
public record RuntimeConfig(Path repositoryRoot, Path dataDir, RuntimePorts ports, boolean simulate) {

    public RuntimeConfig {
        repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
    }
}
