package io.ccagent.harness.traffic;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundred() {
        List<Long> sample = LongStream.rangeClosed(1, 100).boxed().toList();

        assertThat(Percentiles.of(sample, 50)).isEqualTo(50);
        assertThat(Percentiles.of(sample, 99)).isEqualTo(99);
        assertThat(Percentiles.of(sample, 100)).isEqualTo(100);
    }

    @Test
    void emptySampleHasNoPercentile() {
        assertThat(Percentiles.of(List.of(), 99)).isEqualTo(-1);
    }
}
