package io.ccagent.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** PromQL is reduced to the metric names it selects, whatever functions, matchers and clauses surround them. */
class ReferencedSeriesTest {

    @Test
    void findsTheSelectedMetricsAndNothingElse() {
        assertThat(ReferencedSeries.names("""
                histogram_quantile(0.99, sum by (le) (rate(cca_queue_routing_latency_seconds_bucket[5m]))) > 0.025"""))
                .containsExactly("cca_queue_routing_latency_seconds_bucket");
        assertThat(ReferencedSeries.names("""
                sum by (service) (rate(http_server_requests_seconds_count{service=~"$service", status=~"5.."}[1m]))
                  / on (service) group_left sum without (instance) (up{job="x"} offset 5m) and bool 1e3"""))
                .containsExactly("http_server_requests_seconds_count", "up");
        assertThat(ReferencedSeries.names("max(cca_queue_offers_oldest_age_seconds) > 120 unless absent(foo:bar_total)"))
                .containsExactly("cca_queue_offers_oldest_age_seconds", "foo:bar_total");
    }

    @Test
    void readsEveryPanelAndRuleOfTheRepository() {
        assertThat(ReferencedSeries.all()).extracting(ReferencedSeries.Reference::metric)
                .contains("cca_gateway_calls_arrived_total", "kafka_consumergroup_lag", "jvm_memory_used_bytes");
    }
}
