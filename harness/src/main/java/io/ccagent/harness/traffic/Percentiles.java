package io.ccagent.harness.traffic;

import java.util.List;

/** Nearest-rank percentiles of a sample. */
public final class Percentiles {

    private Percentiles() {
    }

    public static long of(List<Long> sample, double percentile) {
        if (sample.isEmpty()) {
            return -1;
        }
        List<Long> sorted = sample.stream().sorted().toList();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
