package io.ccagent.portal.live;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.agent.AgentEvent;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEvent;
import io.ccagent.contracts.call.CallRinging;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.DeviceUnregistered;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.call.StarCodeDialed;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerWaiting;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueMemberUpdated;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.portal.account.PortalUser;

import java.util.Optional;

/**
 * Who may see which event live. Nothing crosses tenants. Supervisors and office managers see their whole tenant.
 * An agent sees their own agent facts in full, queue settings, and only a bare "something changed" for other
 * people's callers and calls (enough to refresh counts and statistics, nothing about who called).
 */
final class LiveVisibility {

    enum View { FULL, BARE, NONE }

    private LiveVisibility() {
    }

    /**
     * Who watches a stream, read from the signed-in user once when the stream opens: every event is checked against
     * every stream of its tenant, and parsing the login each time was most of what the portal allocated per event.
     */
    record Viewer(Tenant tenant, AgentId self, boolean managesQueues) {

        static Viewer of(PortalUser user) {
            AgentId self = user.agentId();
            return new Viewer(self.tenant(), self, user.managesQueues());
        }
    }

    static View of(Viewer viewer, Envelope envelope) {
        if (!envelope.tenant().equals(viewer.tenant())) {
            return View.NONE;
        }
        if (viewer.managesQueues()) {
            return View.FULL;
        }
        Event event = envelope.data();
        AgentId self = viewer.self();
        if (event instanceof QueueConfigured) {
            return View.FULL;
        }
        if (event instanceof CallerLeft left && left.answeredBy() != null && left.answeredBy().agent().equals(self)) {
            return View.FULL; // the caller I answered, with my own availability change inside
        }
        if (event instanceof CallerWaiting || event instanceof CallerLeft) {
            return View.BARE;
        }
        Optional<AgentId> agent = agentOf(event);
        if (agent.isPresent()) {
            return agent.get().equals(self) ? View.FULL : View.NONE;
        }
        return event instanceof CallEvent ? View.BARE : View.NONE;
    }

    private static Optional<AgentId> agentOf(Event event) {
        AgentId agent = null;
        if (event instanceof AgentEvent e) {
            agent = e.agent();
        } else if (event instanceof AgentAvailabilityChanged e) {
            agent = e.agent();
        } else if (event instanceof QueueMemberAdded e) {
            agent = e.agent();
        } else if (event instanceof QueueMemberUpdated e) {
            agent = e.agent();
        } else if (event instanceof QueueMemberRemoved e) {
            agent = e.agent();
        } else if (event instanceof CallArrived e) {
            agent = e.agent();
        } else if (event instanceof CallRinging e) {
            agent = e.agent();
        } else if (event instanceof CallAnswered e) {
            agent = e.agent();
        } else if (event instanceof OfferNotAnswered e) {
            agent = e.agent();
        } else if (event instanceof OutboundPlaced e) {
            agent = e.agent();
        } else if (event instanceof StarCodeDialed e) {
            agent = e.agent();
        } else if (event instanceof DeviceRegistered e) {
            agent = e.agent();
        } else if (event instanceof DeviceUnregistered e) {
            agent = e.agent();
        }
        return Optional.ofNullable(agent);
    }
}
