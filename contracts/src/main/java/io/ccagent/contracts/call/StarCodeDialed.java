package io.ccagent.contracts.call;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;

import java.util.Objects;
import java.util.Set;

/** A phone dialed a feature code: *50 Single-Call, *51 log into all queues, *52 log out of all queues. */
@EventType("call.StarCodeDialed")
public record StarCodeDialed(Tenant tenant, CallId call, DeviceId device, AgentId agent, String code)
        implements CallEvent {

    public static final Set<String> CODES = Set.of("*50", "*51", "*52");

    public StarCodeDialed {
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(device, "device is required");
        Objects.requireNonNull(agent, "agent is required");
        if (!CODES.contains(code)) {
            throw new IllegalArgumentException("unknown star code: " + code);
        }
    }
}
