package io.ccagent.contracts.queue;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;

import java.util.Objects;

/** A caller stopped waiting: answered, hung up, or sent on by the unanswered action. */
@EventType("queue.CallerLeft")
public record CallerLeft(QueueId queue, CallId call, CallerLeftReason reason) implements QueueEvent {

    public CallerLeft {
        Objects.requireNonNull(queue, "queue is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(reason, "reason is required");
    }
}
