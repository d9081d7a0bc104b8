package io.ccagent.gateway.sip;

import io.ccagent.contracts.call.CallOrigin;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.gateway.config.GatewayProperties;
import io.ccagent.gateway.devices.DeviceCredential;
import io.ccagent.gateway.devices.DeviceDirectory;
import io.ccagent.gateway.queues.QueueDirectory;
import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.springframework.stereotype.Component;

/**
 * Decides what a new INVITE is: a star code, a queue call, a direct call to an agent, or an outbound call.
 * Calls from the tenant's own phones must authenticate; anyone else is an outside caller and may only reach
 * queues and agents (the way a PBX or trunk hands inbound calls over).
 */
@Component
class InviteHandler {

    private final Sip sip;
    private final DigestAuthenticator authenticator;
    private final DeviceDirectory devices;
    private final QueueDirectory queues;
    private final B2bua b2bua;
    private final StarCodes starCodes;
    private final ClickToCall clickToCall;
    private final GatewayProperties.Sip config;

    InviteHandler(Sip sip, DigestAuthenticator authenticator, DeviceDirectory devices, QueueDirectory queues,
                  B2bua b2bua, StarCodes starCodes, ClickToCall clickToCall, GatewayProperties properties) {
        this.sip = sip;
        this.authenticator = authenticator;
        this.devices = devices;
        this.queues = queues;
        this.b2bua = b2bua;
        this.starCodes = starCodes;
        this.clickToCall = clickToCall;
        this.config = properties.sip();
    }

    void invite(ServerTransaction invite) {
        Request request = invite.getRequest();
        ToHeader toHeader = (ToHeader) request.getHeader(ToHeader.NAME);
        if (toHeader.getTag() != null) {
            if (!b2bua.reinvite(invite)) {
                sip.respond(invite, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            }
            return;
        }
        URI fromUri = ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
        URI toUri = toHeader.getAddress().getURI();
        if (!(fromUri instanceof SipURI from) || !(toUri instanceof SipURI to)
                || !(request.getRequestURI() instanceof SipURI target)) {
            sip.respond(invite, Response.UNSUPPORTED_URI_SCHEME);
            return;
        }
        String dialed = target.getUser() != null ? target.getUser() : to.getUser();
        if (dialed == null) {
            sip.respond(invite, Response.NOT_FOUND);
            return;
        }
        Optional<DeviceCredential> phone = device(from.getUser(), from.getHost());
        if (phone.isPresent()) {
            fromPhone(invite, phone.get(), dialed);
        } else {
            fromOutside(invite, from, to, dialed);
        }
    }

    private void fromPhone(ServerTransaction invite, DeviceCredential claimed, String dialed) {
        Tenant tenant = claimed.device().tenant();
        if (clickToCall.placedByUs(invite.getRequest(), claimed.device())) {
            route(invite, claimed, tenant, dialed);
            return;
        }
        DigestAuthenticator.Outcome outcome = authenticator.authenticate(invite.getRequest(), tenant);
        if (outcome instanceof DigestAuthenticator.Challenge challenge) {
            authenticator.challenge(invite, tenant, challenge.stale());
        } else if (outcome instanceof DigestAuthenticator.Authenticated authenticated
                && authenticated.credential().device().equals(claimed.device())) {
            route(invite, claimed, tenant, dialed);
        } else {
            sip.respond(invite, Response.FORBIDDEN);
        }
    }

    private void route(ServerTransaction invite, DeviceCredential phone, Tenant tenant, String dialed) {
        if (dialed.startsWith("*")) {
            if (!starCodes.isKnown(dialed)) {
                sip.respond(invite, Response.NOT_FOUND);
            } else if (StarCodes.takesQueueCalls(dialed) && devices.registration(phone.device()).isEmpty()) {
                refuseUnregistered(invite);
            } else if (starCodes.busy()) {
                sip.respondUnavailable(invite);
            } else {
                starCodes.answer(invite, phone, dialed);
            }
            return;
        }
        B2bua.Caller caller = new B2bua.Caller(phone.agent().extension(), null, CallOrigin.INTERNAL, phone.device(),
                phone.agent());
        if (inward(invite, tenant, dialed, caller)) {
            return;
        }
        if (!config.hasTrunk()) {
            sip.respond(invite, Response.NOT_FOUND);
        } else if (!b2buaFull(invite)) {
            b2bua.outboundCall(invite, phone, dialed);
        }
    }

    /** 403 with a reason the phone can show: a phone nobody can ring must not be put where queue calls go. */
    private void refuseUnregistered(ServerTransaction invite) {
        Response response = sip.response(invite.getRequest(), Response.FORBIDDEN);
        try {
            response.setReasonPhrase("Phone Not Registered");
        } catch (java.text.ParseException e) {
            throw new SipFailure("cannot set reason", e);
        }
        sip.send(invite, response);
    }

    private void fromOutside(ServerTransaction invite, SipURI from, SipURI to, String dialed) {
        Tenant tenant;
        try {
            tenant = Tenant.of(to.getHost());
        } catch (IllegalArgumentException e) {
            sip.respond(invite, Response.NOT_FOUND);
            return;
        }
        String number = from.getUser() != null ? from.getUser() : from.getHost();
        String name = ((FromHeader) invite.getRequest().getHeader(FromHeader.NAME)).getAddress().getDisplayName();
        if (!inward(invite, tenant, dialed, new B2bua.Caller(number, name, CallOrigin.EXTERNAL, null, null))) {
            sip.respond(invite, Response.NOT_FOUND);
        }
    }

    /** Queue or agent extension of the tenant: handled (true), or not one of ours (false, nothing sent). */
    private boolean inward(ServerTransaction invite, Tenant tenant, String dialed, B2bua.Caller caller) {
        Optional<QueueId> queue = parse(() -> QueueId.of(dialed, tenant)).filter(queues::isQueue);
        if (queue.isPresent()) {
            if (!b2buaFull(invite)) {
                b2bua.queueCall(invite, tenant, queue.get(), caller);
            }
            return true;
        }
        Optional<AgentId> agent = parse(() -> AgentId.of(dialed, tenant)).filter(devices::hasDevices);
        if (agent.isPresent()) {
            if (!b2buaFull(invite)) {
                b2bua.directCall(invite, tenant, agent.get(), caller);
            }
            return true;
        }
        return false;
    }

    private boolean b2buaFull(ServerTransaction invite) {
        if (b2bua.activeCalls() < config.maxCalls()) {
            return false;
        }
        sip.respondUnavailable(invite);
        return true;
    }

    private Optional<DeviceCredential> device(String user, String host) {
        return parse(() -> DeviceId.of(user, Tenant.of(host))).flatMap(devices::credential);
    }

    private static <T> Optional<T> parse(java.util.function.Supplier<T> id) {
        try {
            return Optional.of(id.get());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
