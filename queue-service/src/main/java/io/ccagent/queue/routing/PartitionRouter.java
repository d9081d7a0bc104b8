package io.ccagent.queue.routing;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.ids.Tenant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing state of the tenants of one partition number (the same number in every input topic, since every
 * record is keyed by its tenant and the inputs are co-partitioned), and the input offsets it reflects.
 */
final class PartitionRouter {

    /** A snapshot: the state of every tenant of the partition and the next offset to read in each input topic. */
    record Snapshot(int partition, Map<String, Long> positions, List<TenantSnapshot> tenants) {
    }

    private final int partition;
    private final Map<Tenant, TenantRouter> routers = new HashMap<>();
    private final Map<String, Long> positions = new HashMap<>();

    PartitionRouter(int partition) {
        this.partition = partition;
    }

    static PartitionRouter restore(Snapshot snapshot) {
        PartitionRouter router = new PartitionRouter(snapshot.partition());
        router.positions.putAll(snapshot.positions());
        for (TenantSnapshot tenant : snapshot.tenants()) {
            router.routers.put(tenant.tenant(), TenantRouter.restore(tenant));
        }
        return router;
    }

    int partition() {
        return partition;
    }

    /** The next offset to read in the topic (what the state reflects), or null when it has read nothing there. */
    Long position(String topic) {
        return positions.get(topic);
    }

    /** Every topic's next offset to read, for diagnostics. */
    Map<String, Long> positions() {
        return Map.copyOf(positions);
    }

    /** Notes that the record at {@code offset} of the topic has been applied (or skipped). */
    void advance(String topic, long offset) {
        positions.put(topic, offset + 1);
    }

    List<Event> apply(Event event, Instant at) {
        return routers.computeIfAbsent(event.tenant(), tenant -> new TenantRouter(tenant)).on(event, at);
    }

    List<Event> tick(Instant now) {
        List<Event> out = new ArrayList<>();
        for (TenantRouter router : routers.values()) {
            out.addAll(router.tick(now));
        }
        return out;
    }

    List<Event> reconcile(Instant now) {
        List<Event> out = new ArrayList<>();
        for (TenantRouter router : routers.values()) {
            out.addAll(router.reconcile(now));
        }
        return out;
    }

    void measure(RoutingLoad load) {
        for (TenantRouter router : routers.values()) {
            router.measure(load);
        }
    }

    /** A copy of the state in plain values; the caller may serialize it on another thread. */
    Snapshot snapshot() {
        return new Snapshot(partition, Map.copyOf(positions),
                routers.values().stream().map(TenantRouter::snapshot).toList());
    }
}
