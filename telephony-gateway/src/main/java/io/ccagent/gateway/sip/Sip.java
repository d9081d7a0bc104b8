package io.ccagent.gateway.sip;

import io.ccagent.gateway.config.GatewayProperties;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import javax.sip.InvalidArgumentException;
import javax.sip.PeerUnavailableException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.springframework.stereotype.Component;

/** The JAIN-SIP factories and provider, plus the few message-building steps every feature repeats. */
@Component
class Sip {

    static final String SDP_TYPE = "application";
    static final String SDP_SUBTYPE = "sdp";

    private final SipFactory factory;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final String host;
    private final int port;
    private volatile SipProvider provider;

    Sip(GatewayProperties properties) throws PeerUnavailableException {
        this.factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        this.addresses = factory.createAddressFactory();
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
        this.host = properties.sip().advertisedHost();
        this.port = properties.sip().port();
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

    static String body(javax.sip.message.Message message) {
        byte[] raw = message.getRawContent();
        return raw == null ? null : new String(raw, java.nio.charset.StandardCharsets.UTF_8);
    }
}
