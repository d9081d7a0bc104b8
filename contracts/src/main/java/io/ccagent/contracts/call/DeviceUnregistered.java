package io.ccagent.contracts.call;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;

import java.util.Objects;

/** A phone unregistered or its registration expired; it cannot be rung. */
@EventType("call.DeviceUnregistered")
public record DeviceUnregistered(Tenant tenant, DeviceId device, AgentId agent, String reason) implements CallEvent {

    public DeviceUnregistered {
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(device, "device is required");
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(reason, "reason is required");
    }

    /** Registrations are keyed by device; there is no call. */
    @Override
    public CallId call() {
        return CallId.of("registration:" + device);
    }

    @Override
    public String subject() {
        return device.toString();
    }
}
