package io.ccagent.gateway.devices;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;

/** A phone's SIP identity: whose it is and its digest secret (HA1 = MD5(name:tenant:password), never the password). */
public record DeviceCredential(DeviceId device, AgentId agent, String ha1) {
}
