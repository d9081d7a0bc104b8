package io.ccagent.contracts.call;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;

import java.util.Objects;

/** An offered phone did not take the call (no answer within the timeout, busy, declined, unreachable). */
@EventType("call.NoAnswer")
public record OfferNotAnswered(Tenant tenant, CallId call, DeviceId device, AgentId agent, QueueId queue,
                               NoAnswerReason reason) implements CallEvent {

    public OfferNotAnswered {
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(device, "device is required");
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(reason, "reason is required");
    }
}
