package io.ccagent.queue.availability;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.queue.projection.FactRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/** Consumes the router's availability facts ({@code queue.facts}), one bulk write per poll. */
@Component
class AvailabilityInput {

    /** A caller's leaving carries the change of the agent who answered. */
    private static final Set<String> HANDLED = Set.of(EventTypes.of(AgentAvailabilityChanged.class).name(),
            EventTypes.of(CallerLeft.class).name());

    private final FactRecords records;
    private final AvailabilityRows rows;

    AvailabilityInput(FactRecords records, AvailabilityRows rows) {
        this.records = records;
        this.rows = rows;
    }

    @KafkaListener(id = "queue-availability", groupId = "queue-availability", topics = Topics.QUEUE_FACTS,
            batch = "true")
    void onPoll(List<ConsumerRecord<String, byte[]>> poll) {
        rows.apply(records.decode(poll, HANDLED));
    }
}
