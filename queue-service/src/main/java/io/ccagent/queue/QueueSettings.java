package io.ccagent.queue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** Every setting of queue-service (application.yml, prefix {@code cca.queue}). */
@ConfigurationProperties("cca.queue")
public record QueueSettings(@DefaultValue Routing routing) {

    /**
     * @param tickInterval          how often ring timeouts and wrap-up ends are checked; they fire at most this late
     * @param snapshotInterval      how often each partition's routing state is snapshotted: the most a takeover
     *                              after a crash replays is the records of this long
     * @param group                 the router's consumer group: every instance of one deployment shares it
     * @param transactionalIdPrefix prefix of the per-partition transactional ids; the partition number follows, so
     *                              a new owner of a partition fences the old one and aborts its open transaction
     * @param sessionTimeout        how long the router group waits for a silent instance before its partitions
     *                              move: the first part of a takeover after a crash (heartbeats every third of it;
     *                              the broker's {@code group.min.session.timeout.ms} must allow it)
     */
    public record Routing(@DefaultValue("200ms") Duration tickInterval,
                          @DefaultValue("2s") Duration snapshotInterval,
                          @DefaultValue("queue-router") String group,
                          @DefaultValue("queue-router-") String transactionalIdPrefix,
                          @DefaultValue("2s") Duration sessionTimeout) {
    }
}
