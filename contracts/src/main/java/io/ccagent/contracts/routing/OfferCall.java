package io.ccagent.contracts.routing;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;

import java.util.List;
import java.util.Objects;

/** Ring these phones with a waiting caller; the first to answer gets the call, the others are cancelled. */
@EventType("routing.OfferCall")
public record OfferCall(Tenant tenant, CallId call, QueueId queue, List<OfferTarget> targets, int ringTimeoutSeconds,
                        String callerNumber, String callerName) implements RoutingCommand {

    public OfferCall {
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(queue, "queue is required");
        targets = List.copyOf(Objects.requireNonNull(targets, "targets are required"));
        if (targets.isEmpty() || ringTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("an offer needs at least one target and a positive timeout");
        }
    }
}
