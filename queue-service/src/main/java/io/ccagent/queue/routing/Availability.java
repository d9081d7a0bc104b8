package io.ccagent.queue.routing;

import io.ccagent.contracts.queue.UnavailableReason;

import java.time.Instant;
import java.util.List;

/**
 * Green or red for one (agent, queue), with the first reason that makes it red and, for wrap-up, until when.
 * {@code reasons} lists every reason it is red (the first is {@code reason}); the router decides on the first alone,
 * and publishes them all. Snapshots written before {@code reasons} existed read as {@code [reason]}.
 */
record Availability(UnavailableReason reason, Instant until, List<UnavailableReason> reasons) {

    static final Availability GREEN = new Availability(UnavailableReason.NONE, null);

    Availability {
        if (reasons == null) {
            reasons = reason == UnavailableReason.NONE ? List.of() : List.of(reason);
        }
    }

    Availability(UnavailableReason reason, Instant until) {
        this(reason, until, null);
    }

    static Availability red(UnavailableReason reason) {
        return new Availability(reason, null);
    }

    boolean available() {
        return reason == UnavailableReason.NONE;
    }

    /** As readers see it at {@code now}: a wrap-up past its {@code until} is over (as {@code QueueAvailability.asOf}). */
    Availability asOf(Instant now) {
        if (until == null || now.isBefore(until)) {
            return this;
        }
        List<UnavailableReason> left = reasons.stream().filter(r -> r != UnavailableReason.WRAP_UP).toList();
        return left.isEmpty() ? GREEN : new Availability(left.get(0), null, left);
    }
}
