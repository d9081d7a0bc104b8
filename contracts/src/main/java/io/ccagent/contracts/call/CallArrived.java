package io.ccagent.contracts.call;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;

import java.util.Objects;

/**
 * An inbound call arrived: for a queue ({@code queue} set) or directly for an agent ({@code agent} set).
 * {@code from} is the caller's number, {@code fromName} their caller-id name when known.
 */
@EventType("call.Arrived")
public record CallArrived(Tenant tenant, CallId call, String from, String fromName, String to, QueueId queue,
                          AgentId agent, CallOrigin origin) implements CallEvent {

    public CallArrived {
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(from, "from is required");
        Objects.requireNonNull(to, "to is required");
        Objects.requireNonNull(origin, "origin is required");
        if ((queue == null) == (agent == null)) {
            throw new IllegalArgumentException("exactly one of queue or agent must be set");
        }
    }
}
