package io.ccagent.agent.agents;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** What can be asked of an agent. Times are passed in, never read by the aggregate. */
public final class AgentCommands {

    private AgentCommands() {
    }

    public record ProvisionAgent(@TargetAggregateIdentifier AgentId agent, String name, String email,
                                 List<DeviceId> devices, String timeZone) {
    }

    public record ChangeStatus(@TargetAggregateIdentifier AgentId agent, AgentStatus status, ChangeSource source,
                               String actor) {
    }

    public record ChangeQueueLogin(@TargetAggregateIdentifier AgentId agent, QueueId queue, boolean loggedIn,
                                   ChangeSource source, String actor) {
    }

    public record SetDeviceActive(@TargetAggregateIdentifier AgentId agent, DeviceId device, boolean active,
                                  String actor) {
    }

    /** A *50 / *51 / *52 dialed from {@code device}. */
    public record DialStarCode(@TargetAggregateIdentifier AgentId agent, DeviceId device, String code) {
    }

    /** One device of the agent joined ({@code member}) or left a queue's agent list. */
    public record UpdateQueueMembership(@TargetAggregateIdentifier AgentId agent, QueueId queue, DeviceId device,
                                        boolean member, int priority) {
    }

    public record StartCall(@TargetAggregateIdentifier AgentId agent, CallId call, QueueId queue, DeviceId device) {
    }

    /**
     * The agent's call ended at {@code endedAt}; a queue call is followed by {@code wrapUpSeconds} of wrap-up,
     * unless that is already over at {@code now} (a late event never opens a wrap-up in the past).
     */
    public record EndCall(@TargetAggregateIdentifier AgentId agent, CallId call, Instant endedAt, int wrapUpSeconds,
                          Instant now) {
    }

    /** A queue offered {@code call} to the agent and the phone had not taken it at {@code missedAt}. */
    public record MissOffer(@TargetAggregateIdentifier AgentId agent, CallId call, QueueId queue,
                            Instant missedAt) {
    }

    /** The agent (or a supervisor) ends the current wrap-up before it is due; nothing happens outside wrap-up. */
    public record EndWrapUpNow(@TargetAggregateIdentifier AgentId agent) {
    }

    /** The wrap-up after {@code call} is due to end (sent by the wrap-up poller). */
    public record EndWrapUp(@TargetAggregateIdentifier AgentId agent, CallId call) {
    }
}
