package io.ccagent.queue.routing;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;

import java.util.Comparator;
import java.util.List;

/**
 * One agent's place in one queue, folded from the agent's member devices there: the lowest priority, order and tier
 * of those devices count (lower priority number = this queue is served first when several have callers).
 */
record Membership(AgentId agent, QueueId queue, List<DeviceId> devices, int priority, int order, int tier) {

    /** Folded from the agent's member devices in the queue (at least one). */
    static Membership of(AgentId agent, QueueId queue, List<QueueState.Member> devices) {
        List<QueueState.Member> inOrder = devices.stream().sorted(Comparator.comparingInt(QueueState.Member::order))
                .toList();
        return new Membership(agent, queue, inOrder.stream().map(QueueState.Member::device).toList(),
                inOrder.stream().mapToInt(QueueState.Member::priority).min().orElseThrow(),
                inOrder.get(0).order(),
                inOrder.stream().mapToInt(QueueState.Member::tier).min().orElseThrow());
    }
}
