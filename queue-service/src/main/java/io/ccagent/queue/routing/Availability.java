package io.ccagent.queue.routing;

import io.ccagent.contracts.queue.UnavailableReason;

import java.time.Instant;

/** Green or red for one (agent, queue), with the first reason that makes it red and, for wrap-up, until when. */
record Availability(UnavailableReason reason, Instant until) {

    static final Availability GREEN = new Availability(UnavailableReason.NONE, null);

    static Availability red(UnavailableReason reason) {
        return new Availability(reason, null);
    }

    boolean available() {
        return reason == UnavailableReason.NONE;
    }
}
