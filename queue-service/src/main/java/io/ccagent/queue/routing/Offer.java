package io.ccagent.queue.routing;

import io.ccagent.contracts.ids.DeviceId;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** Phones of one agent ringing for one caller since {@code offered}, until {@code deadline} (the agent ring timeout). */
final class Offer {

    final WaitingCaller caller;
    final AgentState agent;
    final Set<DeviceId> devices;
    final Instant offered;
    final Instant deadline;

    Offer(WaitingCaller caller, AgentState agent, Set<DeviceId> devices, Instant offered, Instant deadline) {
        this.caller = caller;
        this.agent = agent;
        this.devices = new LinkedHashSet<>(devices);
        this.offered = offered;
        this.deadline = deadline;
    }
}
