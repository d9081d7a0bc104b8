package io.ccagent.contracts.queue;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's availability changed in at least one queue; {@code queues} carries every queue of the agent (one record
 * per change of the agent, never one per agent and queue). A queue the agent just left appears once with
 * {@link UnavailableReason#NO_ACTIVE_DEVICE} and then no more. Ringing is not a reason here: readers learn it from
 * {@code call.Ringing}. A wrap-up ends by itself at its {@code until}: no record says so, readers see it through
 * {@link QueueAvailability#asOf}. When an answer changes the agent's availability, the change comes inside the
 * caller's {@link CallerLeft} instead of as a record of its own ({@link #of}).
 */
@EventType("queue.AgentAvailabilityChanged")
public record AgentAvailabilityChanged(AgentId agent, List<QueueAvailability> queues) implements RouterFact {

    /**
     * Green or red in one queue; {@code until} is set for wrap-up, else null. {@code reason} is the first reason the
     * agent is red, {@code reasons} every one of them in the same order (so a queue logout shows while the status
     * is not Online too); empty when green. Records written before {@code reasons} existed read as {@code [reason]}.
     */
    public record QueueAvailability(QueueId queue, boolean available, UnavailableReason reason, Instant until,
                                    List<UnavailableReason> reasons) {

        public QueueAvailability {
            Objects.requireNonNull(queue, "queue is required");
            Objects.requireNonNull(reason, "reason is required");
            if (available != (reason == UnavailableReason.NONE)) {
                throw new IllegalArgumentException("reason must be NONE exactly when available");
            }
            reasons = reasons == null ? (available ? List.of() : List.of(reason)) : List.copyOf(reasons);
            if (available != reasons.isEmpty() || (!available && reasons.get(0) != reason)
                    || reasons.contains(UnavailableReason.NONE)) {
                throw new IllegalArgumentException("reasons must start with reason, and be empty exactly when available");
            }
        }

        /** Red for one reason only, or green. */
        public QueueAvailability(QueueId queue, boolean available, UnavailableReason reason, Instant until) {
            this(queue, available, reason, until, null);
        }

        /**
         * As it is at {@code now}: once {@code until} has passed, the wrap-up is over and no longer a reason (green
         * if it was the only one). The router publishes nothing when a wrap-up just runs out, so every reader asks
         * this instead of taking the record as it was written.
         */
        public QueueAvailability asOf(Instant now) {
            if (until == null || now.isBefore(until)) {
                return this;
            }
            List<UnavailableReason> left = reasons.stream().filter(r -> r != UnavailableReason.WRAP_UP).toList();
            return left.isEmpty()
                    ? new QueueAvailability(queue, true, UnavailableReason.NONE, null, List.of())
                    : new QueueAvailability(queue, false, left.get(0), null, left);
        }
    }

    public AgentAvailabilityChanged {
        Objects.requireNonNull(agent, "agent is required");
        queues = List.copyOf(Objects.requireNonNull(queues, "queues is required"));
        for (QueueAvailability queue : queues) {
            if (!queue.queue().tenant().equals(agent.tenant())) {
                throw new IllegalArgumentException("queue " + queue.queue() + " is not of the agent's tenant");
            }
        }
    }

    /**
     * The availability change an event carries: the record itself, or the answering agent's change inside a
     * {@code CallerLeft}; empty for any other event.
     */
    public static Optional<AgentAvailabilityChanged> of(Event event) {
        if (event instanceof AgentAvailabilityChanged changed) {
            return Optional.of(changed);
        }
        if (event instanceof CallerLeft left && left.answeredBy() != null) {
            return Optional.of(left.answeredBy());
        }
        return Optional.empty();
    }

    @Override
    public Tenant tenant() {
        return agent.tenant();
    }

    @Override
    public String subject() {
        return agent.toString();
    }
}
