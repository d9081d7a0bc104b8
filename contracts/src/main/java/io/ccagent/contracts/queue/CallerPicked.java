package io.ccagent.contracts.queue;

import io.ccagent.contracts.EventType;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;

import java.util.Objects;

/**
 * An agent picked a waiting caller from the list (Call park): the router, which owns the tenant's routing, offers
 * that caller to this device if the agent is available. Carried on the topic so any queue-service instance can
 * take the request.
 */
@EventType("queue.CallerPicked")
public record CallerPicked(QueueId queue, CallId call, AgentId agent, DeviceId device, String actor)
        implements QueueEvent {

    public CallerPicked {
        Objects.requireNonNull(queue, "queue is required");
        Objects.requireNonNull(call, "call is required");
        Objects.requireNonNull(agent, "agent is required");
        Objects.requireNonNull(device, "device is required");
        Objects.requireNonNull(actor, "actor is required");
    }
}
