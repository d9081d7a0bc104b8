package io.ccagent.queue.routing;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.queue.QueueConfigured;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the router knows about one queue: its settings, member devices and callers in arrival order. */
final class QueueState {

    /** One member device as configured. */
    record Member(DeviceId device, AgentId agent, int priority, int order, int tier) {
    }

    final QueueId id;
    QueueConfigured config;
    final Map<DeviceId, Member> members = new LinkedHashMap<>();
    final Map<AgentId, Membership> memberships = new LinkedHashMap<>();
    final LinkedHashMap<CallId, WaitingCaller> waiting = new LinkedHashMap<>();

    QueueState(QueueId id) {
        this.id = id;
    }

    /** Call park queues only offer callers that an agent picked; unconfigured queues cannot route yet. */
    boolean routesAutomatically() {
        return config != null && RingOrder.routesAutomatically(config.type());
    }
}
