package io.ccagent.stats;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How long data is kept. Detail (per-call facts and wrap-ups, needed to merge late events) goes first; aggregates
 * (the per-agent hours and per-queue hours behind every figure) must cover at least the 10-day graph.
 */
@ConfigurationProperties("stats")
public record StatsProperties(int detailRetentionDays, int aggregateRetentionDays, Duration retentionInterval) {

    public StatsProperties {
        if (detailRetentionDays < 1) {
            throw new IllegalArgumentException("stats.detail-retention-days must be at least 1");
        }
        if (aggregateRetentionDays < 11) {
            throw new IllegalArgumentException("stats.aggregate-retention-days must be at least 11 (the 10-day graph)");
        }
    }
}
