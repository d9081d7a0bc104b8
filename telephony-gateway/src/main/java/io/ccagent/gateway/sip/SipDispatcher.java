package io.ccagent.gateway.sip;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.message.SIPRequest;
import io.ccagent.gateway.config.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.ExtensionHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Entry point for everything the SIP stack receives. Guards first (per-source rate, body size), then hands each
 * method to its feature; anything unexpected is answered with an error and logged, never allowed to kill a thread.
 * The rate guard only spends on requests that start work: ACK, BYE and CANCEL confirm or end calls already taken,
 * and dropping them under load left calls nobody could end (measured: hundreds of ghost calls after an overload).
 */
@Component
class SipDispatcher implements SipListenerExt {

    private static final Logger log = LoggerFactory.getLogger(SipDispatcher.class);
    private static final List<String> METHODS = List.of(
            Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL, Request.REGISTER, Request.OPTIONS);
    private static final String ALLOWED = String.join(", ", METHODS);
    private static final Set<String> ENDS_OR_CONFIRMS = Set.of(Request.ACK, Request.BYE, Request.CANCEL);
    /** Seconds an INVITE turned away for load is told to wait before trying again. */

    private final Sip sip;
    private final SourceGuard guard;
    private final Registrar registrar;
    private final InviteHandler invites;
    private final B2bua b2bua;
    private final StarCodes starCodes;
    private final ClickToCall clickToCall;
    private final MeterRegistry meters;
    private final int maxBodyBytes;

    SipDispatcher(Sip sip, SourceGuard guard, Registrar registrar, InviteHandler invites, B2bua b2bua,
                  StarCodes starCodes, ClickToCall clickToCall, MeterRegistry meters, GatewayProperties properties) {
        this.sip = sip;
        this.guard = guard;
        this.registrar = registrar;
        this.invites = invites;
        this.b2bua = b2bua;
        this.starCodes = starCodes;
        this.clickToCall = clickToCall;
        this.meters = meters;
        this.maxBodyBytes = properties.sip().maxBodyBytes();
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (!ENDS_OR_CONFIRMS.contains(method) && !guard.allow(((SIPRequest) request).getRemoteAddress())) {
            meters.counter("cca.gateway.sip.dropped", "reason", "rate").increment();
            if (Request.INVITE.equals(method)) {
                overloaded(request);
            }
            return;
        }
        meters.counter("cca.gateway.sip.requests", "method", knownOrOther(method)).increment();
        if (Request.ACK.equals(method)) {
            return;
        }
        ServerTransaction transaction;
        try {
            transaction = sip.serverTransaction(event);
        } catch (SipFailure e) {
            log.debug("no transaction for {}: {}", method, e.getMessage());
            return;
        }
        if (transaction == null) {
            return;
        }
        try {
            if (request.getHeader(ScreeningParserFactory.REFUSAL) instanceof ExtensionHeader refusal) {
                badRequest(transaction, refusal.getValue());
                return;
            }
            handle(method, transaction);
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", method, e.toString());
            answerQuietly(transaction, Response.SERVER_INTERNAL_ERROR);
        }
    }

    private void handle(String method, ServerTransaction transaction) {
        byte[] body = transaction.getRequest().getRawContent();
        if (body != null && body.length > maxBodyBytes) {
            sip.respond(transaction, Response.REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        switch (method) {
            case Request.REGISTER -> registrar.register(transaction);
            case Request.INVITE -> invites.invite(transaction);
            case Request.BYE -> {
                if (!starCodes.bye(transaction) && !clickToCall.bye(transaction) && !b2bua.bye(transaction)) {
                    sip.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                }
            }
            case Request.CANCEL -> {
                if (!b2bua.cancel(transaction)) {
                    sip.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                }
            }
            case Request.OPTIONS -> sip.respond(transaction, Response.OK);
            default -> notAllowed(transaction);
        }
    }

    /** A request the parser could only partly read (see {@link ScreeningParserFactory}): 400 with a one-line reason. */
    private void badRequest(ServerTransaction transaction, String reason) {
        meters.counter("cca.gateway.sip.dropped", "reason", "malformed").increment();
        Response response = sip.response(transaction.getRequest(), Response.BAD_REQUEST);
        try {
            response.setReasonPhrase("Bad Request (" + reason + ")");
        } catch (ParseException e) {
            throw new SipFailure("cannot set reason " + reason, e);
        }
        sip.send(transaction, response);
    }

    /**
     * An INVITE over the budget gets a stateless 503 with Retry-After (RFC 3261 21.5.4): silence would make the peer
     * retransmit it up to ten times, multiplying the load that caused the refusal.
     */
    private void overloaded(Request request) {
        try {
            sip.provider().sendResponse(sip.unavailable(request));
        } catch (SipException | RuntimeException e) {
            log.debug("503 not sent: {}", e.toString());
        }
    }

    private void notAllowed(ServerTransaction transaction) {
        Response response = sip.response(transaction.getRequest(), Response.METHOD_NOT_ALLOWED);
        try {
            response.addHeader(sip.headers().createAllowHeader(ALLOWED));
        } catch (ParseException e) {
            throw new SipFailure("cannot build Allow", e);
        }
        sip.send(transaction, response);
    }

    private void answerQuietly(ServerTransaction transaction, int status) {
        try {
            sip.respond(transaction, status);
        } catch (RuntimeException e) {
            log.debug("could not answer {} either: {}", status, e.getMessage());
        }
    }

    private static String knownOrOther(String method) {
        return METHODS.contains(method) ? method : "OTHER";
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            if (clickToCall.owns(Sip.callIdOf(event.getResponse()))) {
                clickToCall.response(event);
            } else {
                b2bua.response(event);
            }
        } catch (RuntimeException e) {
            log.warn("response {} failed: {}", event.getResponse().getStatusCode(), e.toString());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()) {
            b2bua.timeout(event.getClientTransaction());
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.debug("SIP I/O error towards {}:{} ({})", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Transactions end by themselves; calls and legs track their own lifecycle.
    }

    /** RFC 3261 13.3.1.4: a 200 that is never acknowledged ends the session with a BYE. */
    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        if (event.getReason() != DialogTimeoutEvent.Reason.AckNotReceived) {
            return;
        }
        try {
            b2bua.ackNotReceived(event.getDialog());
        } catch (RuntimeException e) {
            log.warn("ending a call whose 200 was never acknowledged failed: {}", e.toString());
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // Same: a dialog ending carries no news the B2BUA has not already acted on.
    }
}
