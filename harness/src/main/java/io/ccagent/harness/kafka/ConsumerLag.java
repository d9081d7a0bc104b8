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

/** Whether the broker's consumer groups are behind: a benchmark measures a settled system, not one catching up. */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /**
     * Waits until every consumer group has caught up and nothing was published for {@code settled} in a row (the
     * services' own consumers, and through them the event forwarders feeding them), or {@code timeout} passed.
     * Answers whether it settled. A partition one record behind counts as caught up: a transaction's commit marker
     * takes an offset that no consumer commits past.
     */
    public static boolean awaitSettled(String bootstrap, Duration settled, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Instant quietSince = null;
        long lastEnds = -1;
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            while (Instant.now().isBefore(deadline)) {
                Offsets now = offsets(admin);
                if (now.behind() > 0 || now.ends() != lastEnds) {
                    quietSince = null;
                } else if (quietSince == null) {
                    quietSince = Instant.now();
                } else if (Duration.between(quietSince, Instant.now()).compareTo(settled) >= 0) {
                    return true;
                }
                lastEnds = now.ends();
                Thread.sleep(500);
            }
        }
        return false;
    }

    /** Partitions more than one record behind, over every group; and the sum of their end offsets. */
    private record Offsets(long behind, long ends) {
    }

    private static Offsets offsets(Admin admin) throws Exception {
        long behind = 0;
        long ends = 0;
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : admin.listOffsets(latest).all().get()
                    .entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                if (end.getValue().offset() - (offset == null ? 0 : offset.offset()) > 1) {
                    behind++;
                }
                ends += end.getValue().offset();
            }
        }
        return new Offsets(behind, ends);
    }
}
