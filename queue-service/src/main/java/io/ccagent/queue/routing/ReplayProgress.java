package io.ccagent.queue.routing;

import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Tracks the rebuild of routing state after a partition assignment: records below the end offsets seen at
 * assignment are history being replayed, and their decisions were already published by the previous owner.
 */
@Component
class ReplayProgress {

    private final Map<TopicPartition, Long> replayEnds = new HashMap<>();

    synchronized void start(Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {
        replayEnds.clear();
        ends.forEach((partition, end) -> {
            if (end > beginnings.getOrDefault(partition, 0L)) {
                replayEnds.put(partition, end);
            }
        });
    }

    /** Whether the record at this position is history; marks the partition caught up at its last historic record. */
    synchronized boolean isHistory(TopicPartition partition, long offset) {
        Long end = replayEnds.get(partition);
        if (end == null) {
            return false;
        }
        if (offset + 1 >= end) {
            replayEnds.remove(partition);
        }
        return offset < end;
    }

    synchronized boolean live() {
        return replayEnds.isEmpty();
    }
}
