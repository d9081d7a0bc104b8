package io.ccagent.local;

import java.nio.file.Path;

/**
 * How to run the local system: where the service jars are (the repository root), where data lives,
 * which ports to use, whether the gateway's simulator drives demo traffic, the secret service tokens are signed
 * with (see {@link ServiceSecret}), and the gateway's trunk for outside calls (the {@link DemoTrunk} unless
 * {@code SIP_TRUNK_URI} names another).
 */
public record RuntimeConfig(Path repositoryRoot, Path dataDir, RuntimePorts ports, boolean simulate,
                            String serviceTokenSecret, String trunkUri) {

    /** Every listener of the local runtime (services, SIP, Kafka, MongoDB, mailbox) binds to loopback only. */
    public static final String BIND_ADDRESS = "127.0.0.1";

    public RuntimeConfig {
        repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
    }
}
