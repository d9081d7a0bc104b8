package io.ccagent.queue.routing;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

/**
 * Records are keyed by tenant, so a partition holds whole tenants and the instance that owns it owns their routing.
 * On every assignment (eager range assignor: the full set each time, the same partition numbers of all input
 * topics together) the router forgets its state and rebuilds it by reading its partitions from the beginning;
 * decisions the previous owner already published are not published again.
 */
@Component
class ReplayOnAssignment implements KafkaBindingRebalanceListener {

    static final String BINDING = "router-in-0";
    private static final Logger log = LoggerFactory.getLogger(ReplayOnAssignment.class);

    private final RouterRegistry registry;
    private final ReplayProgress replay;

    ReplayOnAssignment(RouterRegistry registry, ReplayProgress replay) {
        this.registry = registry;
        this.replay = replay;
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer,
                                     Collection<TopicPartition> partitions, boolean initial) {
        if (!BINDING.equals(bindingName)) {
            return;
        }
        registry.clear();
        replay.start(consumer.beginningOffsets(partitions), historyEnds(consumer, partitions));
        consumer.seekToBeginning(partitions);
        log.info("Rebuilding routing state from {} partitions", partitions.size());
    }

    /**
     * Where history ends: the group's committed offset, up to which the previous owner has routed and published.
     * Records after it were not handled yet and are routed live (at least once). A group with no commit yet (a new
     * deployment on an existing log) treats everything already in the log as history rather than re-send it.
     */
    private static Map<TopicPartition, Long> historyEnds(Consumer<?, ?> consumer,
                                                         Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                ends.put(partition, offset.offset());
            }
        });
        return ends;
    }
}
