package io.ccagent.harness;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HarnessOptionsTest {

    @Test
    void readsEveryOption() {
        HarnessOptions options = HarnessOptions.parse("--repo=/w", "--phases=kafka,sip", "--minutes=2.5",
                "--calls-per-minute=120", "--seed=7", "--out=x", "--fuzz-cases=9", "--demo-tenant=skip");

        assertThat(options.repo()).isEqualTo(Path.of("/w"));
        assertThat(options.phases()).containsExactly("kafka", "sip");
        assertThat(options.trafficTime()).isEqualTo(Duration.ofSeconds(150));
        assertThat(options.callsPerMinute()).isEqualTo(120);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.fuzzCases()).isEqualTo(9);
        assertThat(options.demoTenant()).isEqualTo("skip");
        assertThat(options.runs("http")).isFalse();
    }

    @Test
    void refusesUnknownOptionsAndPhases() {
        assertThatThrownBy(() -> HarnessOptions.parse("--colour=red")).hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> HarnessOptions.parse("--phases=kafka,chaos")).hasMessageContaining("phases must be among");
    }
}
