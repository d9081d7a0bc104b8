package io.ccagent.agent.history;

import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentEvent;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.DeviceActivated;
import io.ccagent.contracts.agent.DeviceDeactivated;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.QueueMembershipChanged;
import io.ccagent.contracts.agent.SingleCallCompleted;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;

/** A sentence a person can read for one agent event; the event's own source and actor win over the metadata. */
record HistoryEntry(String description, String source, String actor) {

    static HistoryEntry describe(AgentEvent event, String source, String actor) {
        if (event instanceof AgentStatusChanged changed) {
            return new HistoryEntry("Status " + changed.from().label() + " → " + changed.to().label(),
                    changed.source().name(), changed.actor());
        }
        if (event instanceof QueueLoginChanged login) {
            return new HistoryEntry((login.loggedIn() ? "Logged into queue " : "Logged out of queue ") + login.queue(),
                    login.source().name(), login.actor());
        }
        return new HistoryEntry(text(event), source, actor);
    }

    private static String text(AgentEvent event) {
        if (event instanceof AgentProvisioned provisioned) {
            return "Provisioned with phones " + provisioned.devices();
        }
        if (event instanceof DeviceActivated activated) {
            return "Phone " + activated.device() + " switched on for queue calls";
        }
        if (event instanceof DeviceDeactivated deactivated) {
            return "Phone " + deactivated.device() + " switched off for queue calls";
        }
        if (event instanceof QueueMembershipChanged membership) {
            return membership.devices().isEmpty() ? "Removed from queue " + membership.queue()
                    : "Member of queue " + membership.queue() + " with " + membership.devices();
        }
        if (event instanceof AgentCallStarted started) {
            return "On a call" + (started.queue() == null ? "" : " from queue " + started.queue())
                    + " on " + started.device();
        }
        if (event instanceof AgentCallEnded ended) {
            return "Call ended" + (ended.queue() == null ? "" : " (queue " + ended.queue() + ")");
        }
        if (event instanceof WrapUpStarted started) {
            return "Wrap-up until " + started.until();
        }
        if (event instanceof WrapUpEnded) {
            return "Wrap-up over";
        }
        if (event instanceof SingleCallCompleted) {
            return "Single-Call done";
        }
        return event.getClass().getSimpleName();
    }
}
