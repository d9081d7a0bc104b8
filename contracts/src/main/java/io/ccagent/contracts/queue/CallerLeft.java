package io.ccagent.contracts.queue;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;

import java.util.Objects;

/**
 * A caller stopped waiting: answered, hung up, or sent on by the unanswered action. {@code answeredBy} is set when the
 * answer changed the answering agent's availability: that change, as a {@code queue.AgentAvailabilityChanged} would
 * carry it, and none is written apart (one record for the one thing that happened); null otherwise.
 */
@EventType("queue.CallerLeft")
public record CallerLeft(QueueId queue, CallId call, CallerLeftReason reason, AgentAvailabilityChanged answeredBy)
        implements RouterFact {

    public CallerLeft {
        Objects.requireNonNull(queue, "queue is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(reason, "reason is required");
        if (answeredBy != null && (reason != CallerLeftReason.ANSWERED || !answeredBy.tenant().equals(queue.tenant()))) {
            throw new IllegalArgumentException("answeredBy is only for a caller answered by an agent of the tenant");
        }
    }

    public CallerLeft(QueueId queue, CallId call, CallerLeftReason reason) {
        this(queue, call, reason, null);
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
