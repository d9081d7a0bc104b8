package io.ccagent.gateway.sip;

import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.gateway.config.GatewayProperties;
import io.ccagent.gateway.devices.DeviceCredential;
import io.ccagent.gateway.devices.Registration;
import io.ccagent.gateway.events.CallEventPublisher;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Click-to-call as third-party call control (RFC 3725, flow I): ring the agent's phone without an offer; its 200
 * carries the offer, which goes to the dialed number; the far end's answer goes back in the ACK.
 * <p>
 * An outside number is dialed through the trunk. An internal extension (a queue, or an agent with phones) is dialed
 * through this gateway itself, as the agent's phone: the INVITE goes to the gateway's own SIP port and is routed like
 * one the phone dialed (see {@link #placedByUs}), so the callee gets the same call, events and statistics.
 */
@Component
class ClickToCall {

    private static final Logger log = LoggerFactory.getLogger(ClickToCall.class);
    /** Answer rejecting all media, for ACKing a phone whose far end never answered. */
    private static final String NO_MEDIA = "v=0\r\no=gateway 0 0 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n"
            + "m=audio 0 RTP/AVP 0\r\n";

    private enum State { RINGING_PHONE, DIALING_OUT, CONNECTED, ENDED }

    /** One click-to-call; fields guarded by its monitor. */
    private static final class Originated {
        final CallId id;
        final DeviceCredential phone;
        final String to;
        final String toName;
        final boolean internal;
        State state = State.RINGING_PHONE;
        /** Our tags in the two dialogs: a BYE addressed to either of them is ours, any other is the callee side's. */
        String phoneTag;
        String outsideTag;
        boolean vouchedFor;
        ClientTransaction phoneInvite;
        Dialog phoneDialog;
        long phoneCseq;
        String phoneOffer;
        ClientTransaction outsideInvite;
        Dialog outsideDialog;
        String outsideCallId;
        ScheduledFuture<?> timer;

        Originated(CallId id, DeviceCredential phone, String to, String toName, boolean internal) {
            this.id = id;
            this.phone = phone;
            this.to = to;
            this.toName = toName;
            this.internal = internal;
        }
    }

    private final Sip sip;
    private final CallEventPublisher events;
    private final ScheduledExecutorService timers;
    private final GatewayProperties.Sip config;
    private final Map<String, Originated> bySipCallId = new ConcurrentHashMap<>();

    ClickToCall(Sip sip, CallEventPublisher events, ScheduledExecutorService timers, GatewayProperties properties) {
        this.sip = sip;
        this.events = events;
        this.timers = timers;
        this.config = properties.sip();
    }

    boolean owns(String sipCallId) {
        return bySipCallId.containsKey(sipCallId);
    }

    /**
     * Rings {@code phone}; the call id is the phone leg's SIP Call-ID. {@code internal}: {@code to} is an extension of
     * the phone's tenant, dialed through this gateway rather than the trunk.
     */
    CallId originate(DeviceCredential phone, Registration registration, String to, String toName, boolean internal) {
        try {
            String domain = phone.device().tenant().domain();
            String phoneTag = Sip.newTag();
            Request invite = sip.invite(sip.addresses().createURI(registration.contact()),
                    sip.address(toName, to, domain), phoneTag, sip.address(null, phone.device().name(), domain), null);
            Originated call = new Originated(CallId.of(Sip.callIdOf(invite)), phone, to, toName, internal);
            call.phoneTag = phoneTag;
            ClientTransaction transaction = sip.provider().getNewClientTransaction(invite);
            synchronized (call) {
                call.phoneInvite = transaction;
                bySipCallId.put(call.id.value(), call);
                call.timer = timers.schedule(() -> giveUp(call), config.directRingTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
                transaction.sendRequest();
            }
            return call.id;
        } catch (ParseException | InvalidArgumentException | SipException e) {
            throw new IllegalStateException("cannot ring " + phone.device() + ": " + e.getMessage(), e);
        }
    }

    void response(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        String sipCallId = Sip.callIdOf(response);
        Originated call = bySipCallId.get(sipCallId);
        if (call == null || !Request.INVITE.equals(cseq.getMethod()) || response.getStatusCode() < 200) {
            return;
        }
        synchronized (call) {
            boolean fromPhone = sipCallId.equals(call.id.value());
            if (fromPhone) {
                phoneAnswered(call, event, cseq.getSeqNumber());
            } else {
                outsideAnswered(call, event);
            }
        }
    }

    private void phoneAnswered(Originated call, ResponseEvent event, long seq) {
        Response response = event.getResponse();
        if (call.state != State.RINGING_PHONE) {
            return;
        }
        stopTimer(call);
        if (response.getStatusCode() >= 300) {
            end(call, null);
            return;
        }
        call.phoneDialog = event.getDialog();
        call.phoneCseq = seq;
        call.phoneOffer = Sip.body(response);
        if (call.phoneOffer == null) {
            hangUpPhone(call);
            end(call, null);
            return;
        }
        call.state = State.DIALING_OUT;
        events.publish(new OutboundPlaced(call.phone.device().tenant(), call.id, call.phone.device(),
                call.phone.agent(), call.to, call.toName));
        dialOut(call);
    }

    private void dialOut(Originated call) {
        try {
            String domain = call.phone.device().tenant().domain();
            URI target = sip.addresses().createURI(call.internal ? ownUri(call.to) : sip.trunkUri(call.to));
            call.outsideTag = Sip.newTag();
            // Internally the call comes from the phone itself (so it is routed as one it dialed); outside, the
            // agent's extension is the calling number.
            Request invite = sip.invite(target, sip.address(null, call.internal ? call.phone.device().name()
                            : call.phone.agent().extension(), domain), call.outsideTag,
                    call.internal ? sip.address(null, call.to, domain) : sip.addresses().createAddress(target),
                    call.phoneOffer);
            call.outsideInvite = sip.provider().getNewClientTransaction(invite);
            call.outsideCallId = Sip.callIdOf(invite);
            bySipCallId.put(call.outsideCallId, call);
            // The phone retransmits its 200 until ACKed (at most 32 s): the far end must answer before that.
            call.timer = timers.schedule(() -> giveUp(call), Math.min(config.directRingTimeout().toMillis(), 30_000),
                    TimeUnit.MILLISECONDS);
            call.outsideInvite.sendRequest();
        } catch (ParseException | InvalidArgumentException | SipException e) {
            log.warn("click-to-call {} could not dial {}: {}", call.id, call.to, e.getMessage());
            hangUpPhone(call);
            end(call, EndCause.FAILED);
        }
    }

    private void outsideAnswered(Originated call, ResponseEvent event) {
        Response response = event.getResponse();
        if (response.getStatusCode() >= 300) {
            if (call.state == State.DIALING_OUT) {
                stopTimer(call);
                hangUpPhone(call);
                end(call, EndCause.FAILED);
            }
            return;
        }
        call.outsideDialog = event.getDialog();
        sip.ack(call.outsideDialog, Sip.cseqOf(response), null);
        if (call.state != State.DIALING_OUT) {
            sip.bye(call.outsideDialog);
            return;
        }
        stopTimer(call);
        call.state = State.CONNECTED;
        sip.ack(call.phoneDialog, call.phoneCseq, Sip.body(response));
        events.publish(new CallAnswered(call.phone.device().tenant(), call.id, call.phone.device(),
                call.phone.agent(), null));
    }

    /**
     * The INVITE this gateway sent itself for an internal click-to-call, naming {@code device} as the caller: it may
     * be routed as if that phone had dialed, without a digest challenge (the phone answered us; the agent asked in
     * the portal). Only the one INVITE with the Call-ID and From tag the gateway made qualifies, once.
     */
    boolean placedByUs(Request invite, DeviceId device) {
        String sipCallId = Sip.callIdOf(invite);
        Originated call = bySipCallId.get(sipCallId);
        if (call == null) {
            return false;
        }
        String fromTag = ((FromHeader) invite.getHeader(FromHeader.NAME)).getTag();
        synchronized (call) {
            boolean ours = call.internal && !call.vouchedFor && sipCallId.equals(call.outsideCallId)
                    && call.outsideTag.equals(fromTag) && call.phone.device().equals(device);
            call.vouchedFor |= ours;
            return ours;
        }
    }

    /**
     * BYE from either side of a connected click-to-call. For an internal call both ends of the second dialog are in
     * this gateway (the B2BUA holds the callee side): the To tag tells which end a BYE is for.
     */
    boolean bye(ServerTransaction request) {
        String sipCallId = Sip.callIdOf(request.getRequest());
        Originated call = bySipCallId.get(sipCallId);
        if (call == null) {
            return false;
        }
        boolean fromPhone = sipCallId.equals(call.id.value());
        String toTag = ((ToHeader) request.getRequest().getHeader(ToHeader.NAME)).getTag();
        if (!(fromPhone ? call.phoneTag : call.outsideTag).equals(toTag)) {
            return false;
        }
        sip.respond(request, Response.OK);
        synchronized (call) {
            if (call.state == State.CONNECTED) {
                sip.bye(fromPhone ? call.outsideDialog : call.phoneDialog);
                end(call, fromPhone ? EndCause.AGENT_HANGUP : EndCause.CALLER_HANGUP);
            }
        }
        return true;
    }

    /** The phone did not answer in time, or the far end did not: release whatever is up. */
    private void giveUp(Originated call) {
        synchronized (call) {
            if (call.state == State.RINGING_PHONE) {
                sip.cancel(call.phoneInvite);
                end(call, null);
            } else if (call.state == State.DIALING_OUT) {
                sip.cancel(call.outsideInvite);
                hangUpPhone(call);
                end(call, EndCause.FAILED);
            }
        }
    }

    /** Ends the call; {@code cause} null means it never got as far as dialing out, so nothing is reported. */
    private void end(Originated call, EndCause cause) {
        call.state = State.ENDED;
        stopTimer(call);
        bySipCallId.remove(call.id.value());
        if (call.outsideCallId != null) {
            bySipCallId.remove(call.outsideCallId);
        }
        if (cause != null) {
            events.publish(new CallEnded(call.phone.device().tenant(), call.id, cause));
        }
    }

    /** The phone answered but there is nothing to connect it to: ACK its 200 with no media, then hang it up. */
    private void hangUpPhone(Originated call) {
        sip.ack(call.phoneDialog, call.phoneCseq, NO_MEDIA);
        sip.bye(call.phoneDialog);
    }

    private static void stopTimer(Originated call) {
        if (call.timer != null) {
            call.timer.cancel(false);
            call.timer = null;
        }
    }

    /** This gateway's own SIP listener, as reachable from itself. */
    private String ownUri(String number) {
        String host = "0.0.0.0".equals(config.bindHost()) ? "127.0.0.1" : config.bindHost();
        return "sip:" + number + "@" + host + ":" + config.port();
    }
}
