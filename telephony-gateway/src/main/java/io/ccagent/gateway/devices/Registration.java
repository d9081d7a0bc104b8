package io.ccagent.gateway.devices;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import java.time.Instant;

/** Where a registered phone can be reached, and until when. */
public record Registration(DeviceId device, AgentId agent, String contact, Instant expires) {
}
