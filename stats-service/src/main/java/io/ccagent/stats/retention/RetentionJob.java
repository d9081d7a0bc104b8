package io.ccagent.stats.retention;

import com.mongodb.client.model.Filters;
import io.ccagent.stats.StatsProperties;
import io.ccagent.stats.store.Generation;
import io.ccagent.stats.store.Rows.AgentHour;
import io.ccagent.stats.store.Rows.Call;
import io.ccagent.stats.store.Rows.QueueHour;
import io.ccagent.stats.store.Rows.WrapUp;
import io.ccagent.stats.store.StatsStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Deletes what is older than the configured retention, on a schedule (the embedded store has no TTL indexes, and
 * a delete we run ourselves is visible in metrics). Aggregates are dropped a day later than their cut-off in UTC
 * so no zone's local day is cut short.
 */
@Component
public class RetentionJob {

    private final StatsStore store;
    private final StatsProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public RetentionJob(StatsStore store, StatsProperties properties, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    @Scheduled(initialDelayString = "${stats.retention-interval}", fixedDelayString = "${stats.retention-interval}")
    public void purge() {
        Generation generation = store.current();
        Instant now = clock.instant();
        long detailCutoff = now.minus(properties.detailRetentionDays(), ChronoUnit.DAYS).toEpochMilli();
        Instant aggregateCutoff = now.minus(properties.aggregateRetentionDays() + 1L, ChronoUnit.DAYS);
        long deleted = generation.calls().deleteMany(Filters.lt(Call.LAST_EVENT, detailCutoff)).getDeletedCount()
                + generation.wrapUps().deleteMany(Filters.lt(WrapUp.LAST_EVENT, detailCutoff)).getDeletedCount()
                + generation.agentHours().deleteMany(Filters.lt(AgentHour.HOUR, aggregateCutoff.toEpochMilli()))
                .getDeletedCount()
                + generation.queueHours().deleteMany(Filters.lt(QueueHour.HOUR, aggregateCutoff.toEpochMilli()))
                .getDeletedCount();
        meters.counter("cca.stats.retention.deleted").increment(deleted);
    }
}
