package io.ccagent.contracts.call;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;

import java.util.Objects;

/** An agent's phone placed a call to {@code to} (dialed, or click-to-call from the portal). */
@EventType("call.OutboundPlaced")
public record OutboundPlaced(Tenant tenant, CallId call, DeviceId device, AgentId agent, String to, String toName)
        implements CallEvent {

    public OutboundPlaced {
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(device, "device is required");
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(to, "to is required");
    }
}
