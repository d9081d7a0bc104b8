package io.ccagent.queue.routing;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;

import java.util.List;

/**
 * One agent's place in one queue, folded from the agent's member devices there: the lowest priority, order and tier
 * of those devices count (lower priority number = this queue is served first when several have callers).
 */
record Membership(AgentId agent, QueueId queue, List<DeviceId> devices, int priority, int order, int tier) {
}
