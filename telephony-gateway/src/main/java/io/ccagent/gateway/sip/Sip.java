package io.ccagent.gateway.sip;

import io.ccagent.gateway.config.GatewayProperties;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.PeerUnavailableException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The JAIN-SIP factories and provider, plus the message plumbing every feature repeats: building an INVITE, a 200
 * with our session, and the ACK, BYE and CANCEL of a dialog or transaction. The features ({@link B2bua},
 * {@link ClickToCall}, ...) hold only their call control.
 */
@Component
class Sip {

    private static final Logger log = LoggerFactory.getLogger(Sip.class);

    static final String SDP_TYPE = "application";
    static final String SDP_SUBTYPE = "sdp";
    /** How long a peer refused for load waits before it tries again. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final SipFactory factory;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final String host;
    private final int port;
    private final String trunk;
    private volatile SipProvider provider;

    Sip(GatewayProperties properties) throws PeerUnavailableException {
        this.factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        this.addresses = factory.createAddressFactory();
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
        this.host = properties.sip().advertisedHost();
        this.port = properties.sip().port();
        this.trunk = properties.sip().trunkUri();
    }

    SipFactory factory() {
        return factory;
    }

    AddressFactory addresses() {
        return addresses;
    }

    HeaderFactory headers() {
        return headers;
    }

    MessageFactory messages() {
        return messages;
    }

    String host() {
        return host;
    }

    void attach(SipProvider provider) {
        this.provider = provider;
    }

    void detach() {
        this.provider = null;
    }

    SipProvider provider() {
        SipProvider current = provider;
        if (current == null) {
            throw new IllegalStateException("SIP stack is not running");
        }
        return current;
    }

    static String newTag() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    ContactHeader contact(String transport) {
        try {
            SipURI uri = addresses.createSipURI("gateway", host);
            uri.setPort(port);
            if (!"udp".equalsIgnoreCase(transport)) {
                uri.setTransportParam(transport.toLowerCase());
            }
            return headers.createContactHeader(addresses.createAddress(uri));
        } catch (ParseException e) {
            throw new IllegalStateException("advertised host is not a valid SIP host: " + host, e);
        }
    }

    List<ViaHeader> via(String transport) {
        try {
            ViaHeader via = headers.createViaHeader(host, port, transport, null);
            via.setRPort();
            return List.of(via);
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException("cannot build a Via for " + host + ":" + port, e);
        }
    }

    Address address(String displayName, String user, String domain) throws ParseException {
        Address address = addresses.createAddress(addresses.createSipURI(user, domain));
        if (displayName != null && !displayName.isBlank()) {
            address.setDisplayName(displayName);
        }
        return address;
    }

    void respond(ServerTransaction transaction, int status) {
        send(transaction, response(transaction.getRequest(), status));
    }

    /**
     * A 503 that says when to try again (RFC 3261 21.5.4): without Retry-After a peer may take the refusal for good,
     * or send the request again at once, adding to the load that caused it.
     */
    Response unavailable(Request request) {
        Response response = response(request, Response.SERVICE_UNAVAILABLE);
        try {
            response.addHeader(headers.createRetryAfterHeader(RETRY_AFTER_SECONDS));
        } catch (InvalidArgumentException e) {
            throw new SipFailure("cannot set Retry-After", e);
        }
        return response;
    }

    void respondUnavailable(ServerTransaction transaction) {
        send(transaction, unavailable(transaction.getRequest()));
    }

    /** The request's server transaction, created here when the stack did not (null for a retransmission). */
    ServerTransaction serverTransaction(javax.sip.RequestEvent event) {
        ServerTransaction transaction = event.getServerTransaction();
        if (transaction != null) {
            return transaction;
        }
        try {
            return provider().getNewServerTransaction(event.getRequest());
        } catch (javax.sip.TransactionAlreadyExistsException e) {
            return null;
        } catch (SipException e) {
            throw new SipFailure("cannot create a server transaction", e);
        }
    }

    /** A response to {@code request}; final ones get a To tag of their own (RFC 3261 8.2.6.2), callers may replace it. */
    Response response(Request request, int status) {
        try {
            Response response = messages.createResponse(status, request);
            javax.sip.header.ToHeader to = (javax.sip.header.ToHeader) response.getHeader(javax.sip.header.ToHeader.NAME);
            if (status >= 200 && to != null && to.getTag() == null) {
                to.setTag(newTag());
            }
            return response;
        } catch (ParseException e) {
            throw new SipFailure("cannot build a " + status + " response", e);
        }
    }

    /** Sets our To tag, which turns the response into part of a dialog with the caller. */
    static Response tagged(Response response, String tag) {
        try {
            ((javax.sip.header.ToHeader) response.getHeader(javax.sip.header.ToHeader.NAME)).setTag(tag);
            return response;
        } catch (ParseException e) {
            throw new SipFailure("invalid tag " + tag, e);
        }
    }

    void send(ServerTransaction transaction, Response response) {
        try {
            transaction.sendResponse(response);
        } catch (SipException | InvalidArgumentException e) {
            throw new SipFailure("cannot send " + response.getStatusCode(), e);
        }
    }

    static String body(Message message) {
        byte[] raw = message.getRawContent();
        return raw == null ? null : new String(raw, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String callIdOf(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    static long cseqOf(Message message) {
        return ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    /** The transport a request came over, from its top Via (udp when it has none). */
    static String transportOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null ? "udp" : via.getTransport().toLowerCase();
    }

    /** The transport to reach {@code target}: its {@code transport} parameter, else udp. */
    static String transport(URI target) {
        return target instanceof SipURI uri && uri.getTransportParam() != null ? uri.getTransportParam() : "udp";
    }

    /** {@code number} at the configured outbound trunk ({@code sip:host:port}, with or without the scheme). */
    String trunkUri(String number) {
        String trunkHost = trunk.trim();
        return "sip:" + number + "@" + (trunkHost.startsWith("sip:") ? trunkHost.substring(4) : trunkHost);
    }

    /**
     * A new INVITE of ours to {@code target}, with a Call-ID of its own, our Via and Contact for the target's
     * transport, and {@code sdp} as the offer (null: none, the answerer makes the offer).
     */
    Request invite(URI target, Address from, String fromTag, Address to, String sdp)
            throws ParseException, InvalidArgumentException {
        String transport = transport(target);
        Request invite = messages.createRequest(target, Request.INVITE, provider().getNewCallId(),
                headers.createCSeqHeader(1L, Request.INVITE), headers.createFromHeader(from, fromTag),
                headers.createToHeader(to, null), via(transport), headers.createMaxForwardsHeader(70));
        invite.addHeader(contact(transport));
        withSdp(invite, sdp);
        return invite;
    }

    /** The 200 to an INVITE (or re-INVITE) of a call we take part in: our Contact and our session {@code sdp}. */
    Response answer(Request invite, String sdp) {
        Response ok = response(invite, Response.OK);
        ok.addHeader(contact(transportOf(invite)));
        withSdp(ok, sdp);
        return ok;
    }

    /** Sets {@code sdp} as the message's body; null leaves it without one. */
    void withSdp(Message message, String sdp) {
        if (sdp == null) {
            return;
        }
        try {
            message.setContent(sdp, headers.createContentTypeHeader(SDP_TYPE, SDP_SUBTYPE));
        } catch (ParseException e) {
            throw new SipFailure("cannot attach SDP", e);
        }
    }

    /** ACKs the 2xx with CSeq {@code seq} in {@code dialog}, carrying {@code sdp} as the answer when it is not null. */
    void ack(Dialog dialog, long seq, String sdp) {
        try {
            Request ack = dialog.createAck(seq);
            withSdp(ack, sdp);
            dialog.sendAck(ack);
        } catch (SipException | InvalidArgumentException e) {
            log.debug("ACK not sent: {}", e.getMessage());
        }
    }

    /** Hangs up {@code dialog} (nothing when there is none yet). */
    void bye(Dialog dialog) {
        if (dialog == null) {
            return;
        }
        try {
            dialog.sendRequest(provider().getNewClientTransaction(dialog.createRequest(Request.BYE)));
        } catch (SipException e) {
            log.debug("BYE not sent: {}", e.getMessage());
        }
    }

    /**
     * Cancels a ringing INVITE. Before any provisional response CANCEL is not allowed (RFC 3261 9.1): then it is not
     * sent and the INVITE transaction times out by itself.
     */
    void cancel(ClientTransaction invite) {
        try {
            provider().getNewClientTransaction(invite.createCancel()).sendRequest();
        } catch (SipException e) {
            log.debug("CANCEL of {} not sent: {}", callIdOf(invite.getRequest()), e.getMessage());
        }
    }
}
