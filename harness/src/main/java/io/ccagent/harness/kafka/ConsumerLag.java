package io.ccagent.harness.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** How far the broker's consumer groups are behind: a benchmark measures a settled system, not one still catching up. */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /**
     * Waits until no consumer group has lagged behind for {@code settled} in a row (the services' own consumers, and
     * through them the event forwarders feeding them), or {@code timeout} passed. Answers whether it settled.
     */
    public static boolean awaitSettled(String bootstrap, Duration settled, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Instant quietSince = null;
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            while (Instant.now().isBefore(deadline)) {
                if (total(admin) > 0) {
                    quietSince = null;
                } else if (quietSince == null) {
                    quietSince = Instant.now();
                } else if (Duration.between(quietSince, Instant.now()).compareTo(settled) >= 0) {
                    return true;
                }
                Thread.sleep(500);
            }
        }
        return false;
    }

    /** Records not yet committed, summed over every group and every partition it has committed on. */
    static long total(Admin admin) throws Exception {
        long lag = 0;
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : admin.listOffsets(latest).all().get()
                    .entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                lag += Math.max(0, end.getValue().offset() - (offset == null ? 0 : offset.offset()));
            }
        }
        return lag;
    }
}
