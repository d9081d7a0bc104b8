package io.ccagent.queue.routing;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.stereotype.Component;

import java.util.Collection;

/**
 * Records are keyed by tenant, so a partition holds whole tenants and the instance that owns it owns their routing.
 * On every assignment (eager range assignor: the full set each time, the same partition numbers of all input
 * topics together) the router forgets its state and rebuilds it by reading its partitions from the beginning.
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
        replay.start(consumer.beginningOffsets(partitions), consumer.endOffsets(partitions));
        consumer.seekToBeginning(partitions);
        log.info("Rebuilding routing state from {} partitions", partitions.size());
    }
}
