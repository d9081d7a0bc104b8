package io.ccagent.contracts.call;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;

import java.util.Objects;

/** The caller hung up before anyone answered; every phone still ringing for it must stop. */
@EventType("call.Abandoned")
public record CallAbandoned(Tenant tenant, CallId call, QueueId queue) implements CallEvent {

    public CallAbandoned {
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(call, "call is required");
    }
}
