package io.ccagent.contracts.call;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.Tenant;

import java.util.Objects;

/** An answered call ended (or a waiting call was forwarded / sent to voicemail). */
@EventType("call.Ended")
public record CallEnded(Tenant tenant, CallId call, EndCause cause) implements CallEvent {

    public CallEnded {
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(cause, "cause is required");
    }
}
