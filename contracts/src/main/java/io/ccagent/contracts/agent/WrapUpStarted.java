package io.ccagent.contracts.agent;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;

import java.time.Instant;
import java.util.Objects;

/** After a queue call the agent is unavailable until {@code until} (the queue's wrap-up time). */
@EventType("agent.WrapUpStarted")
public record WrapUpStarted(AgentId agent, CallId call, QueueId queue, Instant until) implements AgentEvent {

    public WrapUpStarted {
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(queue, "queue is required");
        Objects.requireNonNull(until, "until is required");
    }
}
