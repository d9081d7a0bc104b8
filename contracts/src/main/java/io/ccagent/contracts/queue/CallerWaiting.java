package io.ccagent.contracts.queue;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;

import java.time.Instant;
import java.util.Objects;

/** A caller joined the queue and waits for an agent. */
@EventType("queue.CallerWaiting")
public record CallerWaiting(QueueId queue, CallId call, String callerNumber, String callerName, Instant since)
        implements RouterFact {

    public CallerWaiting {
        Objects.requireNonNull(queue, "queue is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(callerNumber, "callerNumber is required");
        Objects.requireNonNull(since, "since is required");
    }

    @Override
    public Tenant tenant() {
        return queue.tenant();
    }

    @Override
    public String subject() {
        return queue.toString();
    }
}
