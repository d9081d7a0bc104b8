package io.ccagent.agent.agents;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentEvent;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.DeviceActivated;
import io.ccagent.contracts.agent.DeviceDeactivated;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.QueueMembershipChanged;
import io.ccagent.contracts.agent.SingleCallCompleted;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the agent's rules decide on, rebuilt only from its events ({@link #evolve}). Kept apart from the
 * aggregate so a property test can fold event sequences without Axon.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class AgentState {

    /** How many finished calls are remembered so late or repeated call events for them change nothing. */
    private static final int REMEMBERED_CALLS = 100;

    private AgentId agent;
    private boolean provisioned;
    private String name;
    private String email;
    private String timeZone;
    private final Map<DeviceId, Boolean> devices = new LinkedHashMap<>();
    private AgentStatus status = AgentStatus.OFFLINE;
    private Instant statusSince;
    private final Map<QueueId, AgentView.QueueView> memberships = new LinkedHashMap<>();
    private final Set<QueueId> loggedIn = new LinkedHashSet<>();
    private AgentView.OnCall onCall;
    private WrapUpStarted wrapUp;
    private final Set<CallId> finishedCalls = new LinkedHashSet<>();

    void evolve(AgentEvent event, Instant at) {
        agent = event.agent();
        if (event instanceof AgentProvisioned provisioned) {
            onProvisioned(provisioned, at);
        } else if (event instanceof AgentStatusChanged changed) {
            status = changed.to();
            statusSince = at;
        } else if (event instanceof QueueLoginChanged login) {
            if (login.loggedIn()) {
                loggedIn.add(login.queue());
            } else {
                loggedIn.remove(login.queue());
            }
        } else if (event instanceof DeviceActivated activated) {
            devices.put(activated.device(), true);
        } else if (event instanceof DeviceDeactivated deactivated) {
            devices.put(deactivated.device(), false);
        } else if (event instanceof QueueMembershipChanged membership) {
            onMembershipChanged(membership);
        } else if (event instanceof AgentCallStarted started) {
            onCall = new AgentView.OnCall(started.call(), started.queue(), started.device());
        } else if (event instanceof AgentCallEnded ended) {
            if (onCall != null && onCall.call().equals(ended.call())) {
                onCall = null;
            }
            remember(ended.call());
        } else if (event instanceof WrapUpStarted started) {
            wrapUp = started;
        } else if (event instanceof WrapUpEnded ended) {
            if (wrapUp != null && wrapUp.call().equals(ended.call())) {
                wrapUp = null;
            }
        } else if (event instanceof SingleCallCompleted completed) {
            remember(completed.call());
        }
    }

    private void onProvisioned(AgentProvisioned event, Instant at) {
        if (!provisioned) {
            statusSince = at;
        }
        provisioned = true;
        name = event.name();
        email = event.email();
        timeZone = event.timeZone();
        Map<DeviceId, Boolean> previous = new LinkedHashMap<>(devices);
        devices.clear();
        event.devices().forEach(device -> devices.put(device, previous.getOrDefault(device, true)));
    }

    private void onMembershipChanged(QueueMembershipChanged event) {
        if (event.devices().isEmpty()) {
            memberships.remove(event.queue());
            loggedIn.remove(event.queue());
        } else {
            memberships.put(event.queue(),
                    new AgentView.QueueView(event.queue(), false, event.devices(), event.priority()));
        }
    }

    private void remember(CallId call) {
        finishedCalls.add(call);
        if (finishedCalls.size() > REMEMBERED_CALLS) {
            finishedCalls.remove(finishedCalls.iterator().next());
        }
    }

    AgentId agent() {
        return agent;
    }

    boolean provisioned() {
        return provisioned;
    }

    boolean sameDetails(AgentCommands.ProvisionAgent command) {
        return provisioned && command.name().equals(name) && Objects.equals(command.email(), email)
                && command.timeZone().equals(timeZone) && List.copyOf(devices.keySet()).equals(command.devices());
    }

    AgentStatus status() {
        return status;
    }

    Instant statusSince() {
        return statusSince;
    }

    boolean hasDevice(DeviceId device) {
        return devices.containsKey(device);
    }

    boolean deviceActive(DeviceId device) {
        return devices.getOrDefault(device, false);
    }

    boolean memberOf(QueueId queue) {
        return memberships.containsKey(queue);
    }

    Set<QueueId> memberQueues() {
        return memberships.keySet();
    }

    List<DeviceId> devicesIn(QueueId queue) {
        AgentView.QueueView membership = memberships.get(queue);
        return membership == null ? List.of() : membership.devices();
    }

    int priorityIn(QueueId queue) {
        AgentView.QueueView membership = memberships.get(queue);
        return membership == null ? 0 : membership.priority();
    }

    boolean loggedInto(QueueId queue) {
        return loggedIn.contains(queue);
    }

    AgentView.OnCall onCall() {
        return onCall;
    }

    WrapUpStarted wrapUp() {
        return wrapUp;
    }

    boolean finished(CallId call) {
        return finishedCalls.contains(call);
    }

    /**
     * The agent's own half of "green in queue Q": the queue side (registration, ringing) is queue-service's.
     */
    boolean availableFor(QueueId queue) {
        return status.takesQueueCalls() && loggedIn.contains(queue) && onCall == null && wrapUp == null
                && devicesIn(queue).stream().anyMatch(this::deviceActive);
    }

    AgentView view() {
        List<AgentView.DeviceView> deviceViews = new ArrayList<>();
        devices.forEach((device, active) -> deviceViews.add(new AgentView.DeviceView(device, active)));
        List<AgentView.QueueView> queueViews = memberships.values().stream()
                .map(m -> new AgentView.QueueView(m.queue(), loggedIn.contains(m.queue()), m.devices(), m.priority()))
                .toList();
        return new AgentView(agent, name, email, timeZone, status, statusSince, onCall,
                wrapUp == null ? null : wrapUp.until(), List.copyOf(deviceViews), queueViews);
    }
}
