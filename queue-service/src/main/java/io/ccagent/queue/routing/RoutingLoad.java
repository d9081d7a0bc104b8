package io.ccagent.queue.routing;

import io.ccagent.contracts.ids.QueueId;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The figures behind the routing gauges, gathered from every tenant router at one instant. */
final class RoutingLoad {

    /** Callers waiting in one queue and how long the first of them has waited. */
    record QueueLoad(int waiting, double oldestWaitSeconds) {
    }

    private final Instant now;
    private final Map<QueueId, QueueLoad> queues = new HashMap<>();
    private int offersOpen;
    private Instant oldestOffer;

    RoutingLoad(Instant now) {
        this.now = now;
    }

    void queue(QueueId queue, int waiting, Instant oldestSince) {
        queues.put(queue, new QueueLoad(waiting, oldestSince == null ? 0 : secondsSince(oldestSince)));
    }

    void offer(Instant offered) {
        offersOpen++;
        if (oldestOffer == null || offered.isBefore(oldestOffer)) {
            oldestOffer = offered;
        }
    }

    Map<QueueId, QueueLoad> queues() {
        return queues;
    }

    int offersOpen() {
        return offersOpen;
    }

    double oldestOfferAgeSeconds() {
        return oldestOffer == null ? 0 : secondsSince(oldestOffer);
    }

    private double secondsSince(Instant then) {
        return Math.max(0, Duration.between(then, now).toNanos() / 1e9);
    }
}
