package io.ccagent.queue.routing;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.QueueConfigured;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything a {@link TenantRouter} knows, as plain values (JSON in the snapshot store). Lists keep the iteration
 * order of the router's ordered collections, so a restored router decides exactly as the original would have.
 */
record TenantSnapshot(Tenant tenant, long arrivals, List<Agent> agents, List<Queue> queues, List<Caller> callers,
                      List<Talk> talking, List<DeviceId> registered, List<CallId> departed,
                      List<AgentId> ringingOrder, List<AgentId> wrapUpOrder, List<CallId> ended) {

    /** A snapshot written before the router remembered ended calls reads as remembering none. */
    TenantSnapshot {
        ended = ended == null ? List.of() : ended;
    }

    /** Which agent the router holds on a call (its own map: an agent's {@code onCall} alone can be ambiguous). */
    record Talk(CallId call, AgentId agent) {
    }

    record Agent(AgentId id, AgentStatus status, boolean singleCallUsed, List<QueueId> loggedIn,
                 List<DeviceId> inactiveDevices, List<QueueId> queueOrder, CallId onCall, QueueId onCallQueue,
                 Instant wrapUpUntil, CallId wrapUpCall, Instant idleSince, LocalDate answeredDay,
                 int answeredThatDay, List<Shown> published) {
    }

    /** The availability last published for the agent in one queue. */
    record Shown(QueueId queue, Availability availability) {
    }

    record Queue(QueueId id, QueueConfigured config, List<QueueState.Member> members, List<AgentId> memberOrder) {
    }

    record Caller(CallId call, QueueId queue, String number, String name, Instant since, long sequence,
                  List<AgentId> tried, Integer ringingTier, List<Ringing> ringing) {
    }

    record Ringing(AgentId agent, List<DeviceId> devices, Instant offered, Instant deadline) {
    }
}
