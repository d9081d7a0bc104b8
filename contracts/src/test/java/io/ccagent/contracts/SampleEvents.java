package io.ccagent.contracts;

import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.DeviceActivated;
import io.ccagent.contracts.agent.DeviceDeactivated;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.QueueMembershipChanged;
import io.ccagent.contracts.agent.SingleCallCompleted;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.CallOrigin;
import io.ccagent.contracts.call.CallRinging;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.DeviceUnregistered;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.call.NoAnswerReason;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.call.StarCodeDialed;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerLeftReason;
import io.ccagent.contracts.queue.CallerPicked;
import io.ccagent.contracts.queue.CallerWaiting;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueDeleted;
import io.ccagent.contracts.queue.QueueMemberUpdated;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.contracts.routing.ApplyUnansweredAction;
import io.ccagent.contracts.routing.CancelOffer;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.routing.OfferTarget;

import java.time.Instant;
import java.util.List;

/** One fully populated instance of every event type, for round-trip tests. */
public final class SampleEvents {

    static final Tenant TENANT = Tenant.of("xyzcorporation.com");
    static final AgentId AGENT = AgentId.parse("1002@xyzcorporation.com");
    static final DeviceId DEVICE = DeviceId.parse("1002a@xyzcorporation.com");
    static final QueueId QUEUE = QueueId.parse("8001@xyzcorporation.com");
    static final CallId CALL = CallId.of("c-42");
    static final Instant AT = Instant.parse("2026-11-26T10:32:00Z");

    private SampleEvents() {
    }

    public static List<Event> all() {
        return List.of(
                new AgentProvisioned(AGENT, "Dana Agent", "dana@xyzcorporation.com", List.of(DEVICE), "America/New_York"),
                new AgentStatusChanged(AGENT, AgentStatus.OFFLINE, AgentStatus.ONLINE, ChangeSource.PORTAL, "1002@xyzcorporation.com"),
                new QueueLoginChanged(AGENT, QUEUE, false, ChangeSource.STAR_CODE, "1002a@xyzcorporation.com"),
                new DeviceActivated(AGENT, DEVICE, "1002@xyzcorporation.com"),
                new DeviceDeactivated(AGENT, DEVICE, "1002@xyzcorporation.com"),
                QueueMembershipChanged.of(AGENT, QUEUE, List.of(new QueueMembershipChanged.DevicePriority(DEVICE, 1))),
                new AgentCallStarted(AGENT, CALL, QUEUE, DEVICE),
                new AgentCallEnded(AGENT, CALL, QUEUE),
                new WrapUpStarted(AGENT, CALL, QUEUE, AT.plusSeconds(30)),
                new WrapUpEnded(AGENT, CALL),
                new SingleCallCompleted(AGENT, CALL),
                new QueueConfigured(QUEUE, "Sales", QueueType.ROUND_ROBIN, 30, 20, 300, UnansweredAction.FORWARD, "1001",
                        "America/New_York", "1100@xyzcorporation.com"),
                new QueueMemberAdded(QUEUE, DEVICE, AGENT, 1, 2, 3, "1100@xyzcorporation.com"),
                new QueueMemberUpdated(QUEUE, DEVICE, AGENT, 2, 1, 1, "1100@xyzcorporation.com"),
                new QueueMemberRemoved(QUEUE, DEVICE, AGENT, "1100@xyzcorporation.com"),
                new QueueDeleted(QUEUE, "1001@xyzcorporation.com"),
                new AgentAvailabilityChanged(AGENT, List.of(
                        new AgentAvailabilityChanged.QueueAvailability(QUEUE, false, UnavailableReason.WRAP_UP, AT,
                                List.of(UnavailableReason.WRAP_UP, UnavailableReason.LOGGED_OUT)),
                        new AgentAvailabilityChanged.QueueAvailability(QueueId.of("8002", TENANT), true,
                                UnavailableReason.NONE, null))),
                new CallerWaiting(QUEUE, CALL, "+15551234567", "Pat Caller", AT),
                new CallerLeft(QUEUE, CALL, CallerLeftReason.ANSWERED, new AgentAvailabilityChanged(AGENT, List.of(
                        new AgentAvailabilityChanged.QueueAvailability(QUEUE, false, UnavailableReason.ON_CALL, null)))),
                new CallerPicked(QUEUE, CALL, AGENT, DEVICE, "1002@xyzcorporation.com"),
                new CallArrived(TENANT, CALL, "+15551234567", "Pat Caller", "8001", QUEUE, null, CallOrigin.EXTERNAL),
                new CallRinging(TENANT, CALL, DEVICE, AGENT, QUEUE),
                new CallAnswered(TENANT, CALL, DEVICE, AGENT, QUEUE),
                new CallEnded(TENANT, CALL, EndCause.CALLER_HANGUP),
                new CallAbandoned(TENANT, CALL, QUEUE),
                new OfferNotAnswered(TENANT, CALL, DEVICE, AGENT, QUEUE, NoAnswerReason.TIMEOUT),
                new StarCodeDialed(TENANT, CALL, DEVICE, AGENT, "*51"),
                new DeviceRegistered(TENANT, DEVICE, AGENT, "sip:1002a@127.0.0.1:5070", AT.plusSeconds(3600)),
                new DeviceUnregistered(TENANT, DEVICE, AGENT, "expired"),
                new OutboundPlaced(TENANT, CALL, DEVICE, AGENT, "+15557654321", "Lee Customer"),
                new OfferCall(TENANT, CALL, QUEUE, List.of(new OfferTarget(DEVICE, AGENT)), 20, "+15551234567", "Pat Caller"),
                new CancelOffer(TENANT, CALL, List.of(DEVICE), "answered elsewhere"),
                new ApplyUnansweredAction(TENANT, CALL, QUEUE, UnansweredAction.FORWARD, "1001"));
    }
}
