package io.ccagent.contracts.routing;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.UnansweredAction;

import java.util.Objects;

/** The queue ring timeout passed: forward the caller to {@code target} or send them to voicemail. */
@EventType("routing.ApplyUnansweredAction")
public record ApplyUnansweredAction(Tenant tenant, CallId call, QueueId queue, UnansweredAction action, String target)
        implements RoutingCommand {

    public ApplyUnansweredAction {
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(queue, "queue is required");
        Objects.requireNonNull(action, "action is required");
        if (action == UnansweredAction.STAY_IN_QUEUE) {
            throw new IllegalArgumentException("staying in the queue is not an action to apply");
        }
        if (action == UnansweredAction.FORWARD && (target == null || target.isBlank())) {
            throw new IllegalArgumentException("forwarding needs a target");
        }
    }
}
