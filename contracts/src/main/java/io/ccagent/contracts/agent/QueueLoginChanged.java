package io.ccagent.contracts.agent;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.QueueId;

import java.util.Objects;

/** The agent logged into or out of one queue (the door icon, or *51 / *52 for all queues). */
@EventType("agent.QueueLoginChanged")
public record QueueLoginChanged(AgentId agent, QueueId queue, boolean loggedIn, ChangeSource source, String actor)
        implements AgentEvent {

    public QueueLoginChanged {
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(queue, "queue is required");
        Objects.requireNonNull(source, "source is required");
        Objects.requireNonNull(actor, "actor is required");
    }
}
