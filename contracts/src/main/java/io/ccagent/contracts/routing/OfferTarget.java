package io.ccagent.contracts.routing;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;

import java.util.Objects;

/** One phone to ring for an offer, and whose it is. */
public record OfferTarget(DeviceId device, AgentId agent) {

    public OfferTarget {
        Objects.requireNonNull(device, "device is required");
        Objects.requireNonNull(agent, "agent is required");
    }
}
