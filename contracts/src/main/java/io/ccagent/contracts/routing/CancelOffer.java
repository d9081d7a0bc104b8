package io.ccagent.contracts.routing;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;

import java.util.List;
import java.util.Objects;

/** Stop ringing these phones for the call (someone else answered, the caller hung up, or the offer timed out). */
@EventType("routing.CancelOffer")
public record CancelOffer(Tenant tenant, CallId call, List<DeviceId> devices, String reason) implements RoutingCommand {

    /**
     * The reason when the router ends an offer at the agent ring timeout. The router owns ring timeouts; the gateway
     * reports exactly this cancel as the one missed offer ({@code call.NoAnswer} TIMEOUT), so the text is a contract.
     */
    public static final String AGENT_RING_TIMEOUT = "agent ring timeout";

    public CancelOffer {
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(call, "call is required");
        devices = List.copyOf(Objects.requireNonNull(devices, "devices are required"));
        Objects.requireNonNull(reason, "reason is required");
    }
}
