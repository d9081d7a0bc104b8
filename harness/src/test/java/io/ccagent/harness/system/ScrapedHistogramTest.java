package io.ccagent.harness.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScrapedHistogramTest {

    private static final String NAME = "cca_portal_push_latency_seconds";

    private static String scrape(long upTo10ms, long upTo100ms, long upTo1s, long total) {
        return "# TYPE " + NAME + " histogram\n"
                + NAME + "_bucket{application=\"portal-bff\",le=\"0.01\"} " + upTo10ms + "\n"
                + NAME + "_bucket{application=\"portal-bff\",le=\"0.1\"} " + upTo100ms + "\n"
                + NAME + "_bucket{application=\"portal-bff\",le=\"1.0\"} " + upTo1s + "\n"
                + NAME + "_bucket{application=\"portal-bff\",le=\"+Inf\"} " + total + "\n"
                + NAME + "_count{application=\"portal-bff\"} " + total + "\n"
                + "cca_other_seconds_bucket{le=\"0.01\"} 999\n";
    }

    @Test
    void quantilesCoverOnlyWhatWasRecordedBetweenTheTwoScrapes() {
        ScrapedHistogram before = ScrapedHistogram.of(scrape(50, 50, 50, 50), NAME);
        // since then: 10 observations up to 10 ms, 80 more up to 100 ms, 10 more up to 1 s
        ScrapedHistogram after = ScrapedHistogram.of(scrape(60, 140, 150, 150), NAME);

        assertThat(after.countSince(before)).isEqualTo(100);
        assertThat(after.quantileMillisSince(before, 0.05)).isEqualTo(10);
        assertThat(after.quantileMillisSince(before, 0.5)).isEqualTo(100);
        assertThat(after.quantileMillisSince(before, 0.99)).isEqualTo(1000);
    }

    @Test
    void nothingRecordedHasNoQuantile() {
        ScrapedHistogram same = ScrapedHistogram.of(scrape(5, 6, 7, 8), NAME);

        assertThat(same.countSince(same)).isZero();
        assertThat(same.quantileMillisSince(same, 0.5)).isEqualTo(-1);
    }
}
