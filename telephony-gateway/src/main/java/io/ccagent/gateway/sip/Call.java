package io.ccagent.gateway.sip;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * One call through the B2BUA: the caller's side (the INVITE we answer) and the legs we place towards phones or the
 * trunk. Every field is guarded by the call's own monitor.
 */
final class Call {

    enum Kind { QUEUE, DIRECT, OUTBOUND }

    enum State { WAITING, ANSWERED, ENDED }

    final CallId id;
    final Tenant tenant;
    final Kind kind;
    final QueueId queue;
    /** For outbound calls: the phone that dialed out. */
    final DeviceId callerDevice;
    final AgentId callerAgent;
    final String callerNumber;
    final String callerName;
    final ServerTransaction callerInvite;
    final Request callerRequest;
    final String callerSdp;
    final String localTag;
    final List<Leg> legs = new ArrayList<>();
    State state = State.WAITING;
    Leg winner;
    String answerSdp;
    ScheduledFuture<?> waitTimer;

    Call(CallId id, Tenant tenant, Kind kind, QueueId queue, DeviceId callerDevice, AgentId callerAgent,
         String callerNumber, String callerName, ServerTransaction callerInvite, String localTag) {
        this.id = id;
        this.tenant = tenant;
        this.kind = kind;
        this.queue = queue;
        this.callerDevice = callerDevice;
        this.callerAgent = callerAgent;
        this.callerNumber = callerNumber;
        this.callerName = callerName;
        this.callerInvite = callerInvite;
        this.callerRequest = callerInvite.getRequest();
        this.callerSdp = Sip.body(callerRequest);
        this.localTag = localTag;
    }

    Dialog callerDialog() {
        return callerInvite.getDialog();
    }

    boolean hasLiveLegTo(DeviceId device) {
        return legs.stream().anyMatch(leg -> leg.isLive() && device.equals(leg.device));
    }

    boolean hasLiveLegs() {
        return legs.stream().anyMatch(Leg::isLive);
    }
}
