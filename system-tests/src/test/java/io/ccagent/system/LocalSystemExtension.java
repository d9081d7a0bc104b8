package io.ccagent.system;

import io.ccagent.local.LocalSystem;
import io.ccagent.local.RuntimePorts;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the whole platform once for all end-to-end tests of this JVM (real Kafka broker, Mongo wire server, the five
 * service JVMs, the demo tenant) on ports shifted by {@value #PORT_OFFSET} so it never collides with a running demo,
 * and stops it when the test run ends. Tests receive the {@link LocalSystem} as a parameter.
 */
public class LocalSystemExtension implements ParameterResolver {

    /** Keeps every port below Linux's ephemeral range (32768+), where a client socket could hold one. */
    static final int PORT_OFFSET = 1000;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalSystem.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningSystem.class, key -> RunningSystem.start(), RunningSystem.class)
                .system();
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test. */
    record RunningSystem(LocalSystem system) implements AutoCloseable {

        static RunningSystem start() {
            try {
                Path dataDir = Files.createTempDirectory("cca-e2e");
                Path root = Path.of("..").toAbsolutePath().normalize();
                return new RunningSystem(LocalSystem.start(root, dataDir,
                        RuntimePorts.defaults().shiftedBy(PORT_OFFSET), false));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            system.close();
        }
    }
}
