package io.ccagent.agent.agents;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;

import java.time.Instant;
import java.util.List;

/** An agent's current state as the portal shows it (the {@code AgentView} of docs/service-apis.md). */
public record AgentView(AgentId agent, String name, String email, String timeZone, AgentStatus status,
                        Instant statusSince, OnCall onCall, Instant wrapUpUntil, List<DeviceView> devices,
                        List<QueueView> queues) {

    public record OnCall(CallId call, QueueId queue, DeviceId device) {
    }

    public record DeviceView(DeviceId device, boolean active) {
    }

    public record QueueView(QueueId queue, boolean loggedIn, List<DeviceId> devices, int priority) {
    }
}
