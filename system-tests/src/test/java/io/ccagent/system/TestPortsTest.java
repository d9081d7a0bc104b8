package io.ccagent.system;

import io.ccagent.local.RuntimePorts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test suite never binds a port of the local runtime, so {@code ./mvnw -B verify} passes while
 * {@code deploy/local/start.sh} runs: every module's test sources and test resources are read for the three ways a
 * test has taken such a port.
 */
class TestPortsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String RUNTIME_PORTS = RuntimePorts.defaults().byOwner().values().stream()
            .map(String::valueOf).collect(Collectors.joining("|"));
    /** A runtime port written as one: after a host, after "port", or as the whole argument of a call. */
    private static final Pattern RUNTIME_PORT_LITERAL = Pattern.compile(
            "(?i)(?:(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\]):|port\\W{0,6}|\\()(?:" + RUNTIME_PORTS + ")\\b");
    /** Builder properties are defaults: application.yml's {@code port: ${PORT:808x}} beats them. */
    private static final Pattern PORT_AS_BUILDER_DEFAULT = Pattern.compile(
            "\\.properties\\((?:(?!\\.run\\().)*?\"(?:server\\.port|PORT|SIP_PORT|gateway\\.sip\\.port)\"",
            Pattern.DOTALL);

    @Test
    void noTestWritesARuntimePortAsAPort() {
        assertThat(offending(RUNTIME_PORT_LITERAL)).as("test files naming a port of the local runtime (%s)",
                RUNTIME_PORTS).isEmpty();
    }

    @Test
    void noTestStartsAServiceWithItsPortAsABuilderDefault() {
        assertThat(offending(PORT_AS_BUILDER_DEFAULT))
                .as("SpringApplicationBuilder.properties(...) port settings, which application.yml overrides: pass "
                        + "\"--PORT=0\" to run(...) instead").isEmpty();
    }

    @Test
    void noSpringBootTestUsesTheDefinedPort() {
        assertThat(offending(Pattern.compile("WebEnvironment\\.DEFINED_PORT"))).isEmpty();
    }

    @Test
    void theScanReadsEveryModulesTests() {
        assertThat(testFiles()).as("test files found under %s", ROOT)
                .anyMatch(f -> f.endsWith("QueueServiceIT.java"))
                .anyMatch(f -> f.endsWith("GatewayTestBase.java"))
                .anyMatch(f -> f.endsWith("PortalSecurityIT.java"));
        assertThat(RUNTIME_PORT_LITERAL.matcher("new ServerSetup(3025, \"127.0.0.1\", \"smtp\")").find()).isTrue();
        assertThat(RUNTIME_PORT_LITERAL.matcher("\"gateway.sip.port=5060\"").find()).isTrue();
        assertThat(RUNTIME_PORT_LITERAL.matcher("\"localhost:9092\"").find()).isTrue();
        assertThat(PORT_AS_BUILDER_DEFAULT.matcher(
                ".properties(Map.of(\n \"server.port\", 0,\n \"MONGODB_URI\", uri)).run()").find()).isTrue();
    }

    private static List<String> offending(Pattern pattern) {
        List<String> found = new ArrayList<>();
        for (Path file : testFiles()) {
            Matcher matcher = pattern.matcher(read(file));
            while (matcher.find()) {
                found.add(ROOT.relativize(file) + ": " + matcher.group());
            }
        }
        return found;
    }

    /**
     * Test sources and resources of every module, except this class (it names the ports to look for) and
     * deploy/checks, whose tests read the deployment files where the runtime's ports belong and bind nothing.
     */
    private static List<Path> testFiles() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().contains("/src/test/"))
                    .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/")
                            && !f.toString().contains("/node_modules/"))
                    .filter(f -> !f.endsWith("TestPortsTest.java") && !f.startsWith(ROOT.resolve("deploy/checks")))
                    .filter(f -> f.toString().matches(".*\\.(java|ya?ml|properties|xml|json|sh|txt)$"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
