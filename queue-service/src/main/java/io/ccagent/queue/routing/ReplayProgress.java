package io.ccagent.queue.routing;

import io.ccagent.contracts.wire.Envelope;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tracks the rebuild of routing state after a partition assignment: records below the offsets where history ends
 * (see {@link ReplayOnAssignment}) are replayed to rebuild the state, their decisions already published. Newer
 * records that arrive while other partitions are still replaying wait here, so that no live decision is taken on a
 * half-rebuilt state. Used from the consumer thread only, apart from {@link #live()}.
 */
@Component
class ReplayProgress {

    private final Map<TopicPartition, Long> replayEnds = new HashMap<>();
    private final List<Envelope> deferred = new ArrayList<>();

    synchronized void start(Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {
        replayEnds.clear();
        deferred.clear();
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

    /** Keeps a live record for when the replay is over. */
    synchronized void defer(Envelope envelope) {
        deferred.add(envelope);
    }

    /** The records kept during the replay, in arrival order; forgets them. */
    synchronized List<Envelope> takeDeferred() {
        List<Envelope> taken = List.copyOf(deferred);
        deferred.clear();
        return taken;
    }
}
