package io.ccagent.gateway.sip;

import gov.nist.javax.sip.message.SIPRequest;
import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.CallOrigin;
import io.ccagent.contracts.call.CallRinging;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.call.NoAnswerReason;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.routing.ApplyUnansweredAction;
import io.ccagent.contracts.routing.CancelOffer;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.routing.OfferTarget;
import io.ccagent.gateway.config.GatewayProperties;
import io.ccagent.gateway.devices.DeviceCredential;
import io.ccagent.gateway.devices.DeviceDirectory;
import io.ccagent.gateway.devices.Registration;
import io.ccagent.gateway.events.CallEventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The signalling-only back-to-back user agent: callers are held ringing while the router decides, offered phones
 * are rung in parallel, the first to answer is bridged (its SDP goes to the caller, so media flows phone to phone),
 * and every other leg is cancelled. Every leg ends in a final response, a CANCEL, a BYE or a transaction timeout.
 */
@Component
public class B2bua {

    private static final Logger log = LoggerFactory.getLogger(B2bua.class);

    private final Sip sip;
    private final DeviceDirectory devices;
    private final CallEventPublisher events;
    private final CallCheckpoints checkpoints;
    private final ScheduledExecutorService timers;
    private final GatewayProperties.Sip config;
    private final MeterRegistry meters;
    /** Calls by the caller side's SIP Call-ID, which is also the platform's call id. */
    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    /** Legs by their own SIP Call-ID. */
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();
    private final RecentlyEnded recentlyEnded = new RecentlyEnded(100_000);
    /** The reason the router's {@code CancelOffer} carries when its ring timeout for an agent is over. */
    static final String ROUTER_RING_TIMEOUT = CancelOffer.AGENT_RING_TIMEOUT;

    B2bua(Sip sip, DeviceDirectory devices, CallEventPublisher events, CallCheckpoints checkpoints,
          ScheduledExecutorService timers, GatewayProperties properties, MeterRegistry meters) {
        this.sip = sip;
        this.checkpoints = checkpoints;
        this.devices = devices;
        this.events = events;
        this.timers = timers;
        this.config = properties.sip();
        this.meters = meters;
        meters.gaugeMapSize("cca.gateway.calls.active", List.of(), calls);
        meters.gaugeMapSize("cca.gateway.legs.active", List.of(), legs);
    }

    int activeCalls() {
        return calls.size();
    }

    // ---- calls arriving ----------------------------------------------------------------------------------

    void queueCall(ServerTransaction invite, Tenant tenant, QueueId queue, Caller caller) {
        Call call = accept(invite, tenant, Call.Kind.QUEUE, queue, caller);
        if (call == null) {
            return;
        }
        events.publish(new CallArrived(tenant, call.id, caller.number(), caller.name(), queue.extension(), queue, null,
                caller.origin()));
        synchronized (call) {
            call.waitTimer = timers.schedule(() -> gaveUpWaiting(call), config.maxQueueWait().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Rings every registered phone of {@code agent}, whatever the agent's queue status. */
    void directCall(ServerTransaction invite, Tenant tenant, AgentId agent, Caller caller) {
        List<Registration> phones = devices.registrationsOf(agent);
        if (phones.isEmpty()) {
            reject(invite, Response.TEMPORARILY_UNAVAILABLE);
            return;
        }
        Call call = accept(invite, tenant, Call.Kind.DIRECT, null, caller);
        if (call == null) {
            return;
        }
        events.publish(new CallArrived(tenant, call.id, caller.number(), caller.name(), agent.extension(), null, agent,
                caller.origin()));
        synchronized (call) {
            for (Registration phone : phones) {
                startLeg(call, phone.device(), phone.agent(), phone.contact(), config.directRingTimeout());
            }
        }
    }

    /** A phone dialed an outside number: one leg to the configured trunk. */
    void outboundCall(ServerTransaction invite, DeviceCredential phone, String number) {
        Tenant tenant = phone.device().tenant();
        Call call = new Call(CallId.of(Sip.callIdOf(invite.getRequest())), tenant, Call.Kind.OUTBOUND, null,
                phone.device(), phone.agent(), phone.device().name(), null, invite, Sip.newTag());
        if (!claimCallId(call)) {
            return;
        }
        sendProvisional(call, Response.TRYING);
        events.publish(new OutboundPlaced(tenant, call.id, phone.device(), phone.agent(), number, null));
        synchronized (call) {
            startLeg(call, null, null, sip.trunkUri(number), config.directRingTimeout());
        }
    }

    private Call accept(ServerTransaction invite, Tenant tenant, Call.Kind kind, QueueId queue, Caller caller) {
        Call call = new Call(CallId.of(Sip.callIdOf(invite.getRequest())), tenant, kind, queue, caller.device(),
                caller.agent(), caller.number(), caller.name(), invite, Sip.newTag());
        if (!claimCallId(call)) {
            return null;
        }
        meters.counter("cca.gateway.calls.arrived", "kind", kind.name()).increment();
        sendProvisional(call, Response.TRYING);
        sendProvisional(call, Response.RINGING);
        return call;
    }

    /**
     * The Call-ID is the platform's call id: a new INVITE reusing one that is in progress (whatever its tenant) is
     * refused, so a caller cannot take over another caller's call by choosing its Call-ID.
     */
    private boolean claimCallId(Call call) {
        if (calls.putIfAbsent(call.id.value(), call) == null) {
            checkpoints.started(call);
            return true;
        }
        reject(call.callerInvite, Response.LOOP_DETECTED);
        return false;
    }

    /**
     * Calls the previous run of this gateway left in flight (it stopped without ending them): their transactions
     * are gone, so they cannot be resumed. Every phone still ringing for one of them gets a CANCEL built from the
     * leg's INVITE as sent (sent statelessly: its 487 is not ours to acknowledge any more, the phone stops
     * retransmitting it by itself). A waiting caller is answered 480 with the tag it already saw; every call is
     * reported {@code CallEnded(FAILED)} once, so the router stops offering it and no agent stays on it (once: an
     * offer for one of them redelivered by Kafka may have ended it already, see {@link #endUnknown}).
     */
    void endCallsLeftBehind() {
        for (CallCheckpoints.RingingLeg leg : checkpoints.legsLeftBehind()) {
            try {
                SIPRequest invite = (SIPRequest) sip.messages().createRequest(leg.invite());
                sip.provider().sendRequest(invite.createCancelRequest());
            } catch (ParseException | SipException | RuntimeException e) {
                log.info("phone ringing for leg {} left behind could not be cancelled: {}", leg.sipCallId(),
                        e.toString());
            }
            checkpoints.forget(leg);
        }
        for (CallCheckpoints.Checkpoint left : checkpoints.leftBehind()) {
            if (!left.answered()) {
                try {
                    Request invite = sip.messages().createRequest(left.callerInvite());
                    sip.provider().sendResponse(Sip.tagged(sip.response(invite, Response.TEMPORARILY_UNAVAILABLE),
                            left.localTag()));
                } catch (ParseException | SipException | RuntimeException e) {
                    log.info("caller of call {} left behind could not be answered: {}", left.callId(), e.toString());
                }
            }
            if (recentlyEnded.add(left.callId())) {
                events.publish(new CallEnded(Tenant.of(left.tenant()), CallId.of(left.callId()), EndCause.FAILED));
            }
            checkpoints.forget(left);
        }
    }

    // ---- routing commands ------------------------------------------------------------------------------

    /**
     * Rings the offered phones. The router owns the ring timeout: it cancels the offer when its time is up, and the
     * gateway reports that cancel as the ring-out (see {@link #cancelOffer}). The gateway's own timer runs
     * {@code ringTimeoutGrace} longer and only fires if the router never cancelled (router down), so the two never
     * race for the same ring-out.
     */
    public void offer(OfferCall offer) {
        Call call = calls.get(offer.call().value());
        if (call == null) {
            endUnknown(offer);
            return;
        }
        if (!call.tenant.equals(offer.tenant())) {
            log.warn("offer of tenant {} names call {} of another tenant: ignored", offer.tenant(), offer.call());
            return;
        }
        synchronized (call) {
            if (call.state != Call.State.WAITING) {
                return;
            }
            for (OfferTarget target : offer.targets()) {
                if (call.hasLiveLegTo(target.device())) {
                    continue;
                }
                Optional<Registration> registration = devices.registration(target.device());
                if (registration.isEmpty()) {
                    events.publish(new OfferNotAnswered(call.tenant, call.id, target.device(), target.agent(),
                            call.queue, NoAnswerReason.UNREACHABLE));
                    continue;
                }
                startLeg(call, target.device(), target.agent(), registration.get().contact(),
                        Duration.ofSeconds(offer.ringTimeoutSeconds()).plus(config.ringTimeoutGrace()));
            }
        }
    }

    /**
     * An offer for a call this gateway does not hold (it restarted and lost it, or the caller left before the offer
     * arrived): tell the router so it stops offering it, instead of leaving a ghost caller. Calls that ended here
     * recently are skipped, so a redelivered offer does not end a call twice.
     */
    private void endUnknown(OfferCall offer) {
        if (!recentlyEnded.add(offer.call().value())) {
            return;
        }
        log.info("offer for call {} of {} which this gateway does not hold: ending it", offer.call(), offer.tenant());
        for (OfferTarget target : offer.targets()) {
            events.publish(new OfferNotAnswered(offer.tenant(), offer.call(), target.device(), target.agent(),
                    offer.queue(), NoAnswerReason.UNREACHABLE));
        }
        events.publish(new CallEnded(offer.tenant(), offer.call(), EndCause.FAILED));
    }

    /** Routing commands name a tenant and a call: a Call-ID chosen by a caller of another tenant never matches. */
    private Call callOf(Tenant tenant, CallId id) {
        Call call = calls.get(id.value());
        return call != null && call.tenant.equals(tenant) ? call : null;
    }

    /**
     * Stops ringing those phones. A cancel for the router's ring timeout is the ring-out: the gateway reports it as
     * the one {@code OfferNotAnswered(TIMEOUT)} for each leg still ringing (stats and agent-service count missed
     * offers from it); other cancels (answered elsewhere, caller gone, agent unavailable) report nothing.
     */
    public void cancelOffer(CancelOffer cancel) {
        Call call = callOf(cancel.tenant(), cancel.call());
        if (call == null) {
            return;
        }
        boolean ringOut = ROUTER_RING_TIMEOUT.equals(cancel.reason());
        synchronized (call) {
            for (Leg leg : List.copyOf(call.legs)) {
                if (leg.isLive() && cancel.devices().contains(leg.device)) {
                    cancelLeg(leg);
                    if (ringOut && call.state == Call.State.WAITING) {
                        events.publish(new OfferNotAnswered(call.tenant, call.id, leg.device, leg.agent, call.queue,
                                NoAnswerReason.TIMEOUT));
                    }
                }
            }
        }
    }

    public void applyUnansweredAction(ApplyUnansweredAction action) {
        Call call = callOf(action.tenant(), action.call());
        if (call == null) {
            return;
        }
        synchronized (call) {
            if (call.state != Call.State.WAITING) {
                return;
            }
            cancelAllLegs(call);
            String target = action.action() == UnansweredAction.FORWARD
                    ? action.target() : "voicemail-" + action.queue().extension();
            Response redirect = sip.response(call.callerRequest, Response.MOVED_TEMPORARILY);
            try {
                redirect.addHeader(sip.headers().createContactHeader(sip.address(null, target, call.tenant.domain())));
            } catch (ParseException e) {
                throw new SipFailure("cannot redirect to " + target, e);
            }
            sendFinal(call, redirect);
            finish(call, new CallEnded(call.tenant, call.id,
                    action.action() == UnansweredAction.FORWARD ? EndCause.FORWARDED : EndCause.VOICEMAIL));
        }
    }

    // ---- requests inside calls ----------------------------------------------------------------------------

    /** BYE from either side of an answered call: answer it, relay it to the other side, report who hung up. */
    boolean bye(ServerTransaction request) {
        String sipCallId = Sip.callIdOf(request.getRequest());
        Call call = calls.get(sipCallId);
        Leg leg = legs.get(sipCallId);
        if (call == null && leg == null) {
            return false;
        }
        sip.respond(request, Response.OK);
        Dialog otherSide = null;
        if (call != null) {
            synchronized (call) {
                if (call.state == Call.State.ANSWERED) {
                    otherSide = call.winner.dialog;
                    forget(call.winner);
                    finish(call, new CallEnded(call.tenant, call.id,
                            call.kind == Call.Kind.OUTBOUND ? EndCause.AGENT_HANGUP : EndCause.CALLER_HANGUP));
                } else if (call.state == Call.State.WAITING) {
                    abandon(call);
                }
            }
        } else {
            Call owner = leg.call;
            synchronized (owner) {
                forget(leg);
                if (owner.state == Call.State.ANSWERED && owner.winner == leg) {
                    otherSide = owner.callerDialog();
                    finish(owner, new CallEnded(owner.tenant, owner.id,
                            owner.kind == Call.Kind.OUTBOUND ? EndCause.CALLER_HANGUP : EndCause.AGENT_HANGUP));
                }
            }
        }
        hangUpOutsideTheCallsMonitor(otherSide);
        return true;
    }

    /**
     * The stack calls this listener while it holds locks of its own (REENTRANT_LISTENER), and a response of the
     * other side's dialog waits for the call's monitor under them: a BYE sent while holding that monitor can wait for
     * those locks in turn. So the call is ended first and its other side hung up after the monitor is released.
     */
    private void hangUpOutsideTheCallsMonitor(Dialog... dialogs) {
        for (Dialog dialog : dialogs) {
            sip.bye(dialog);
        }
    }

    /**
     * The caller never acknowledged our 200 (it vanished or gave up while being connected): after 64*T1 the session
     * ends with a BYE to both sides (RFC 3261 13.3.1.4), reported as failed so no agent stays on a call nobody is on.
     */
    void ackNotReceived(Dialog dialog) {
        Call call = calls.get(dialog.getCallId().getCallId());
        if (call == null) {
            return;
        }
        Dialog agentSide;
        synchronized (call) {
            if (call.state != Call.State.ANSWERED || !dialog.equals(call.callerDialog())) {
                return;
            }
            agentSide = call.winner.dialog;
            forget(call.winner);
            finish(call, new CallEnded(call.tenant, call.id, EndCause.FAILED));
        }
        hangUpOutsideTheCallsMonitor(dialog, agentSide);
    }

    /** The caller gave up while phones were ringing: stop every one of them now. */
    boolean cancel(ServerTransaction request) {
        Call call = calls.get(Sip.callIdOf(request.getRequest()));
        if (call == null) {
            return false;
        }
        // RFC 3261 9.2: the same To tag as the responses to the INVITE
        sip.send(request, Sip.tagged(sip.response(request.getRequest(), Response.OK), call.localTag));
        synchronized (call) {
            if (call.state == Call.State.WAITING) {
                sendFinal(call, sip.response(call.callerRequest, Response.REQUEST_TERMINATED));
                abandon(call);
            }
        }
        return true;
    }

    /** A re-INVITE inside an established call (session refresh, hold): keep the session as negotiated. */
    boolean reinvite(ServerTransaction request) {
        String sipCallId = Sip.callIdOf(request.getRequest());
        Call call = calls.get(sipCallId);
        Leg leg = legs.get(sipCallId);
        Call owner = call != null ? call : leg != null ? leg.call : null;
        if (owner == null) {
            return false;
        }
        synchronized (owner) {
            sip.send(request, sip.answer(request.getRequest(), call != null ? owner.answerSdp : owner.callerSdp));
        }
        return true;
    }

    // ---- responses from legs ------------------------------------------------------------------------------

    void response(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (!Request.INVITE.equals(cseq.getMethod())) {
            return;
        }
        Leg leg = legs.get(Sip.callIdOf(response));
        if (leg == null) {
            return;
        }
        int status = response.getStatusCode();
        synchronized (leg.call) {
            if (status < 200) {
                provisional(leg, status);
            } else if (status < 300) {
                answered(leg, event);
            } else {
                failed(leg, status);
            }
        }
    }

    /** A leg's INVITE got no response at all (phone gone): count it as unreachable. */
    void timeout(ClientTransaction transaction) {
        if (transaction == null || !Request.INVITE.equals(transaction.getRequest().getMethod())) {
            return;
        }
        Leg leg = legs.get(Sip.callIdOf(transaction.getRequest()));
        if (leg != null) {
            synchronized (leg.call) {
                failed(leg, Response.REQUEST_TIMEOUT);
            }
        }
    }

    private void provisional(Leg leg, int status) {
        if (status == Response.TRYING || leg.state != Leg.State.CALLING && leg.state != Leg.State.RINGING) {
            return;
        }
        if (leg.cancelledByUs) {
            sendCancel(leg);
            return;
        }
        if (leg.state == Leg.State.CALLING && leg.call.kind == Call.Kind.OUTBOUND) {
            sendProvisional(leg.call, Response.RINGING);
        }
        leg.state = Leg.State.RINGING;
        publishRinging(leg);
    }

    private void answered(Leg leg, ResponseEvent event) {
        Dialog dialog = event.getDialog();
        leg.dialog = dialog;
        sip.ack(dialog, Sip.cseqOf(event.getResponse()), null);
        Call call = leg.call;
        if (leg.state == Leg.State.DONE || leg.cancelledByUs || call.state != Call.State.WAITING) {
            // Lost the race (another phone won, or we had already given up on this one): hang it up at once.
            leg.state = Leg.State.DONE;
            leg.stopTimer();
            sip.bye(dialog);
            forget(leg);
            return;
        }
        leg.stopTimer();
        leg.state = Leg.State.ANSWERED;
        checkpoints.legEnded(leg);
        publishRinging(leg);
        call.winner = leg;
        call.state = Call.State.ANSWERED;
        call.answerSdp = Sip.body(event.getResponse());
        stopWaitTimer(call);
        checkpoints.answered(call);
        sendFinal(call, sip.answer(call.callerRequest, call.answerSdp));
        cancelAllLegs(call);
        meters.counter("cca.gateway.calls.answered", "kind", call.kind.name()).increment();
        if (call.kind == Call.Kind.OUTBOUND) {
            events.publish(new CallAnswered(call.tenant, call.id, call.callerDevice, call.callerAgent, null));
        } else {
            events.publish(new CallAnswered(call.tenant, call.id, leg.device, leg.agent, call.queue));
        }
    }

    private void failed(Leg leg, int status) {
        leg.stopTimer();
        boolean reportable = leg.state != Leg.State.DONE && !leg.cancelledByUs;
        leg.state = Leg.State.DONE;
        forget(leg);
        if (!reportable) {
            return;
        }
        Call call = leg.call;
        if (call.kind == Call.Kind.OUTBOUND) {
            if (call.state == Call.State.WAITING) {
                sendFinal(call, sip.response(call.callerRequest, status == Response.REQUEST_TIMEOUT
                        ? Response.TEMPORARILY_UNAVAILABLE : status));
                finish(call, new CallEnded(call.tenant, call.id, EndCause.FAILED));
            }
            return;
        }
        events.publish(new OfferNotAnswered(call.tenant, call.id, leg.device, leg.agent, call.queue, reasonOf(status)));
        endDirectCallIfNobodyLeft(call);
    }

    private static NoAnswerReason reasonOf(int status) {
        return switch (status) {
            case Response.BUSY_HERE, Response.BUSY_EVERYWHERE -> NoAnswerReason.BUSY;
            case Response.DECLINE, Response.FORBIDDEN -> NoAnswerReason.DECLINED;
            case Response.TEMPORARILY_UNAVAILABLE, Response.REQUEST_TERMINATED -> NoAnswerReason.TIMEOUT;
            default -> NoAnswerReason.UNREACHABLE;
        };
    }

    private void ringTimedOut(Leg leg) {
        Call call = leg.call;
        synchronized (call) {
            if (!leg.isLive() || call.state != Call.State.WAITING) {
                return;
            }
            cancelLeg(leg);
            if (call.kind == Call.Kind.OUTBOUND) {
                sendFinal(call, sip.response(call.callerRequest, Response.TEMPORARILY_UNAVAILABLE));
                finish(call, new CallEnded(call.tenant, call.id, EndCause.FAILED));
                return;
            }
            events.publish(new OfferNotAnswered(call.tenant, call.id, leg.device, leg.agent, call.queue,
                    NoAnswerReason.TIMEOUT));
            endDirectCallIfNobodyLeft(call);
        }
    }

    private void endDirectCallIfNobodyLeft(Call call) {
        if (call.kind == Call.Kind.DIRECT && call.state == Call.State.WAITING && !call.hasLiveLegs()) {
            sendFinal(call, sip.response(call.callerRequest, Response.TEMPORARILY_UNAVAILABLE));
            finish(call, new CallEnded(call.tenant, call.id, EndCause.FAILED));
        }
    }

    /** The router never answered within the maximum queue wait: release the caller rather than hold forever. */
    private void gaveUpWaiting(Call call) {
        synchronized (call) {
            if (call.state == Call.State.WAITING) {
                cancelAllLegs(call);
                sendFinal(call, sip.response(call.callerRequest, Response.TEMPORARILY_UNAVAILABLE));
                finish(call, new CallEnded(call.tenant, call.id, EndCause.FAILED));
            }
        }
    }

    // ---- helpers (callers hold the call's monitor) --------------------------------------------------------

    private void abandon(Call call) {
        cancelAllLegs(call);
        finish(call, new CallAbandoned(call.tenant, call.id, call.queue));
    }

    private void finish(Call call, io.ccagent.contracts.call.CallEvent outcome) {
        call.state = Call.State.ENDED;
        stopWaitTimer(call);
        calls.remove(call.id.value());
        checkpoints.ended(call);
        recentlyEnded.add(call.id.value());
        events.publish(outcome);
        meters.counter("cca.gateway.calls.ended", "outcome", outcome.getClass().getSimpleName()).increment();
    }

    private static void stopWaitTimer(Call call) {
        if (call.waitTimer != null) {
            call.waitTimer.cancel(false);
            call.waitTimer = null;
        }
    }

    private void startLeg(Call call, DeviceId device, AgentId agent, String contact, Duration ringTimeout) {
        try {
            URI target = sip.addresses().createURI(contact);
            Request invite = sip.invite(target, sip.address(call.callerName, call.callerNumber, call.tenant.domain()),
                    Sip.newTag(), device != null ? sip.address(null, device.name(), device.tenant().domain())
                            : sip.addresses().createAddress(target), call.callerSdp);
            ClientTransaction transaction = sip.provider().getNewClientTransaction(invite);
            Leg leg = new Leg(call, device, agent, Sip.callIdOf(invite));
            leg.invite = transaction;
            leg.dialog = transaction.getDialog();
            legs.put(leg.sipCallId, leg);
            call.legs.add(leg);
            leg.noAnswerTimer = timers.schedule(() -> ringTimedOut(leg), ringTimeout.toMillis(), TimeUnit.MILLISECONDS);
            transaction.sendRequest();
            checkpoints.ringing(leg, invite.toString());
        } catch (ParseException | InvalidArgumentException | SipException e) {
            log.warn("cannot ring {} at {}: {}", device, contact, e.getMessage());
            if (device != null) {
                events.publish(new OfferNotAnswered(call.tenant, call.id, device, agent, call.queue,
                        NoAnswerReason.UNREACHABLE));
            }
        }
    }

    private void cancelAllLegs(Call call) {
        for (Leg leg : List.copyOf(call.legs)) {
            if (leg != call.winner && leg.state != Leg.State.DONE) {
                cancelLeg(leg);
            }
        }
    }

    /** CANCEL needs a provisional response first (RFC 3261 9.1); until then the wish is remembered. */
    private void cancelLeg(Leg leg) {
        leg.stopTimer();
        leg.cancelledByUs = true;
        if (leg.state == Leg.State.RINGING) {
            sendCancel(leg);
        }
    }

    private void sendCancel(Leg leg) {
        if (leg.cancelSent) {
            return;
        }
        leg.cancelSent = true;
        sip.cancel(leg.invite);
    }

    private void publishRinging(Leg leg) {
        if (leg.ringingPublished || leg.device == null) {
            return;
        }
        leg.ringingPublished = true;
        events.publish(new CallRinging(leg.call.tenant, leg.call.id, leg.device, leg.agent, leg.call.queue));
    }

    private void forget(Leg leg) {
        leg.state = Leg.State.DONE;
        leg.stopTimer();
        if (legs.remove(leg.sipCallId) != null) {
            checkpoints.legEnded(leg);
        }
    }

    private void sendProvisional(Call call, int status) {
        Response response = sip.response(call.callerRequest, status);
        if (status != Response.TRYING) {
            Sip.tagged(response, call.localTag);
        }
        sip.send(call.callerInvite, response);
    }

    private void sendFinal(Call call, Response response) {
        Sip.tagged(response, call.localTag);
        try {
            call.callerInvite.sendResponse(response);
        } catch (SipException | InvalidArgumentException e) {
            log.debug("final {} to caller of {} not sent: {}", response.getStatusCode(), call.id, e.getMessage());
        }
    }

    private void reject(ServerTransaction invite, int status) {
        Response response = sip.response(invite.getRequest(), status);
        Sip.tagged(response, Sip.newTag());
        sip.send(invite, response);
    }

    /** Who is calling: an outside number, or one of the tenant's own phones (then device and agent are set). */
    record Caller(String number, String name, CallOrigin origin, DeviceId device, AgentId agent) {
    }
}
