package io.ccagent.contracts.call;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;

import java.util.Objects;

/** A phone is ringing with the call; {@code queue} is null for direct calls. */
@EventType("call.Ringing")
public record CallRinging(Tenant tenant, CallId call, DeviceId device, AgentId agent, QueueId queue)
        implements CallEvent {

    public CallRinging {
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(device, "device is required");
        Objects.requireNonNull(agent, "agent is required");
    }
}
