package io.ccagent.eventsourcing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the event store and the forwarder ({@code cca.event-sourcing.*}).
 *
 * @param lookBack  how late an event may become visible in the store (behind a newer one) and still be read by every
 *                  tracking processor; events are stamped when applied, so this must cover a slow commit, a GC pause
 *                  and the clock difference between two instances. Each processor's token remembers the ids it saw
 *                  within this window, so a wider window costs a larger token
 * @param fetchSize how many events one query of the event store reads, for a tracking processor or an aggregate;
 *                  every tracking query also reads the look-back window's events again (to skip those its token
 *                  knows), so a processor behind by a backlog pays less per event with a larger fetch
 * @param forwarder the Kafka forwarder
 */
@ConfigurationProperties("cca.event-sourcing")
public record EventSourcingProperties(@DefaultValue("5s") Duration lookBack,
                                      @DefaultValue("1000") int fetchSize,
                                      @DefaultValue Forwarder forwarder) {

    /**
     * @param enabled     whether stored events are published to Kafka by this service
     * @param sendTimeout how long a batch may wait for the broker before it fails and is retried
     * @param batchSize   events per tracking batch: one flush and one token update each
     */
    public record Forwarder(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration sendTimeout,
                            @DefaultValue("500") int batchSize) {
    }
}
