package io.ccagent.queue.callers;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerWaiting;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.queue.projection.FactRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/** Consumes the router's caller facts ({@code queue.facts}), one bulk write per poll. */
@Component
class CallerInput {

    private static final Set<String> HANDLED = Set.of(EventTypes.of(CallerWaiting.class).name(),
            EventTypes.of(CallerLeft.class).name());

    private final FactRecords records;
    private final CallerRows rows;

    CallerInput(FactRecords records, CallerRows rows) {
        this.records = records;
        this.rows = rows;
    }

    @KafkaListener(id = "queue-callers", groupId = "queue-callers", topics = Topics.QUEUE_FACTS, batch = "true")
    void onPoll(List<ConsumerRecord<String, byte[]>> poll) {
        rows.apply(records.decode(poll, HANDLED));
    }
}
