package io.ccagent.contracts.call;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;

import java.time.Instant;
import java.util.Objects;

/** A phone registered (or refreshed its registration) and can be rung until {@code expires}. */
@EventType("call.DeviceRegistered")
public record DeviceRegistered(Tenant tenant, DeviceId device, AgentId agent, String contact, Instant expires)
        implements CallEvent {

    public DeviceRegistered {
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(device, "device is required");
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(contact, "contact is required");
        Objects.requireNonNull(expires, "expires is required");
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
