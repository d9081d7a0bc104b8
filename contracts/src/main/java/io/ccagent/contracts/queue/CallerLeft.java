package io.ccagent.contracts.queue;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;

import java.util.Objects;

/** A caller stopped waiting: answered, hung up, or sent on by the unanswered action. */
@EventType("queue.CallerLeft")
public record CallerLeft(QueueId queue, CallId call, CallerLeftReason reason) implements RouterFact {

    public CallerLeft {
        Objects.requireNonNull(queue, "queue is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(reason, "reason is required");
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
