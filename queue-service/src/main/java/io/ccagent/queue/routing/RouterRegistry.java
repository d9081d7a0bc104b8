package io.ccagent.queue.routing;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.ids.Tenant;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The routing state of every tenant whose partitions this instance owns, one {@link TenantRouter} each. The Kafka
 * consumer thread and the tick thread both come through here, one at a time.
 */
@Component
class RouterRegistry {

    private final Map<Tenant, TenantRouter> routers = new HashMap<>();
    private final RandomGenerator random;
    private final Timer decisions;

    RouterRegistry(RandomGenerator routingRandom, MeterRegistry meters) {
        this.random = routingRandom;
        this.decisions = Timer.builder("cca.queue.routing.decision")
                .description("Time the routing core takes for one input (event or tick), I/O excluded")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    synchronized List<Event> apply(Event event, Instant at) {
        TenantRouter router = routers.computeIfAbsent(event.tenant(), tenant -> new TenantRouter(tenant, random));
        return decisions.record(() -> router.on(event, at));
    }

    synchronized List<Event> tick(Instant now) {
        List<Event> out = new ArrayList<>();
        for (TenantRouter router : routers.values()) {
            out.addAll(decisions.record(() -> router.tick(now)));
        }
        return out;
    }

    synchronized List<Event> reconcile(Instant now) {
        List<Event> out = new ArrayList<>();
        for (TenantRouter router : routers.values()) {
            out.addAll(router.reconcile(now));
        }
        return out;
    }

    /** Forgets every tenant: the partitions were reassigned and the state is about to be rebuilt from the log. */
    synchronized void clear() {
        routers.clear();
    }
}
