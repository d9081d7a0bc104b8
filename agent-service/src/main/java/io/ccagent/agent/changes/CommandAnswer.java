package io.ccagent.agent.changes;

import io.ccagent.agent.agents.AgentView;
import io.ccagent.contracts.wire.Envelope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a portal command answers: the agent's new state and the envelopes of the events it caused (as Kafka will carry
 * them, same ids), so the portal can push them to the user's own streams at once. The events are added when the
 * command's unit of work commits, which is before the caller receives this answer.
 */
public final class CommandAnswer {

    private final AgentView agent;
    private final List<Envelope> events = Collections.synchronizedList(new ArrayList<>());

    CommandAnswer(AgentView agent) {
        this.agent = agent;
    }

    public AgentView agent() {
        return agent;
    }

    public List<Envelope> events() {
        return List.copyOf(events);
    }

    void committed(Envelope envelope) {
        events.add(envelope);
    }
}
