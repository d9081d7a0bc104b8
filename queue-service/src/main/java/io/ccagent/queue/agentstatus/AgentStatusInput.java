package io.ccagent.queue.agentstatus;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.queue.projection.FactRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/** Consumes {@code agent.events} into the agent status projection, one bulk write per poll. */
@Component
class AgentStatusInput {

    private static final Set<String> HANDLED = Set.of(EventTypes.of(AgentStatusChanged.class).name(),
            EventTypes.of(AgentProvisioned.class).name());

    private final FactRecords records;
    private final AgentStatusRows statuses;

    AgentStatusInput(FactRecords records, AgentStatusRows statuses) {
        this.records = records;
        this.statuses = statuses;
    }

    @KafkaListener(id = "queue-agent-statuses", groupId = "queue-agent-statuses", topics = Topics.AGENT_EVENTS,
            batch = "true")
    void onPoll(List<ConsumerRecord<String, byte[]>> poll) {
        statuses.apply(records.decode(poll, HANDLED));
    }
}
