package io.ccagent.queue.agentstatus;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.queue.projection.FactRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/** Consumes {@code agent.events} into the agent status and device owner projections, one bulk write each per poll. */
@Component
class AgentStatusInput {

    private static final Set<String> HANDLED = Set.of(EventTypes.of(AgentStatusChanged.class).name(),
            EventTypes.of(AgentProvisioned.class).name(), EventTypes.of(AgentCallStarted.class).name(),
            EventTypes.of(AgentCallEnded.class).name());

    private final FactRecords records;
    private final AgentStatusRows statuses;
    private final DeviceOwners owners;

    AgentStatusInput(FactRecords records, AgentStatusRows statuses, DeviceOwners owners) {
        this.records = records;
        this.statuses = statuses;
        this.owners = owners;
    }

    @KafkaListener(id = "queue-agent-statuses", groupId = "queue-agent-statuses", topics = Topics.AGENT_EVENTS,
            batch = "true")
    void onPoll(List<ConsumerRecord<String, byte[]>> poll) {
        List<Envelope> events = records.decode(poll, HANDLED);
        owners.apply(events);
        statuses.apply(events);
    }
}
