package io.ccagent.contracts.agent;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;

/** Facts about one agent, published on {@code agent.events} by agent-service; subject is the agent id. */
public sealed interface AgentEvent extends Event permits AgentProvisioned, AgentStatusChanged, QueueLoginChanged,
        DeviceActivated, DeviceDeactivated, QueueMembershipChanged, AgentCallStarted, AgentCallEnded,
        WrapUpStarted, WrapUpEnded, SingleCallCompleted {

    AgentId agent();

    @Override
    default Tenant tenant() {
        return agent().tenant();
    }

    @Override
    default String subject() {
        return agent().toString();
    }
}
