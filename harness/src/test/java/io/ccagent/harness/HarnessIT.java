package io.ccagent.harness;

import io.ccagent.harness.report.Report;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short harness run of the README's test command: the whole system as separate processes, bad Kafka records on
 * every topic, the HTTP bad-input sweep, and 20 s of calls and agent actions compared with the ground truth.
 * The long run (faults, SIP fuzzing, more traffic) is the documented {@code exec:java} command.
 */
class HarnessIT {

    @Test
    void systemMatchesTheGroundTruthAndRefusesBadInput() throws Exception {
        Path repo = Path.of(System.getProperty("harness.repo", "..")).toAbsolutePath().normalize();
        Path out = Path.of("target", "harness-it");
        Report report = HarnessMain.run("--repo=" + repo, "--out=" + out, "--phases=kafka,http,traffic",
                "--minutes=0.33", "--calls-per-minute=60");

        assertThat(Files.readString(out.resolve("harness-report.txt"))).contains("== Summary");
        assertThat(report.findings()).as("findings of the harness run (full report in %s):%n%s",
                out.resolve("harness-report.txt").toAbsolutePath(), report.text()).isEmpty();
    }
}
