package io.ccagent.queue.routing;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What the router knows about one agent, folded from agent, call and queue events. */
final class AgentState {

    final AgentId id;
    AgentStatus status = AgentStatus.OFFLINE;
    /** Single-Call mode already spent its one queue call (answered or missed); agent-service turns it Offline. */
    boolean singleCallUsed;
    final Set<QueueId> loggedIn = new HashSet<>();
    final Set<DeviceId> devices = new HashSet<>();
    final Set<DeviceId> inactiveDevices = new HashSet<>();
    final Map<QueueId, Membership> memberships = new LinkedHashMap<>();
    CallId onCall;
    QueueId onCallQueue;
    Instant wrapUpUntil;
    CallId wrapUpCall;
    Offer ringing;
    /** When the last call ended; null = never had one, which counts as the longest idle. */
    Instant idleSince;
    LocalDate answeredDay;
    int answeredThatDay;

    AgentState(AgentId id) {
        this.id = id;
    }

    boolean active(DeviceId device) {
        return !inactiveDevices.contains(device);
    }

    boolean inWrapUp(Instant now) {
        return wrapUpUntil != null && now.isBefore(wrapUpUntil);
    }

    int answeredOn(LocalDate day) {
        return day.equals(answeredDay) ? answeredThatDay : 0;
    }

    void countAnswered(LocalDate day) {
        answeredThatDay = answeredOn(day) + 1;
        answeredDay = day;
    }
}
