package io.ccagent.queue.routing;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Feeds "time passed" into the routing core, so ring timeouts and wrap-ups end without an input event. */
@Component
class RoutingClock {

    private final RouterRegistry registry;
    private final ReplayProgress replay;
    private final RoutingPublisher publisher;
    private final Clock clock;

    RoutingClock(RouterRegistry registry, ReplayProgress replay, RoutingPublisher publisher, Clock clock) {
        this.registry = registry;
        this.replay = replay;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${cca.queue.routing.tick-interval:200ms}")
    void tick() {
        if (replay.live()) {
            publisher.publish(registry.tick(clock.instant()), null);
        }
    }
}
