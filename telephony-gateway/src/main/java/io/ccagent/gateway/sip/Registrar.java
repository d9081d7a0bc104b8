package io.ccagent.gateway.sip;

import io.ccagent.contracts.ids.Tenant;
import io.ccagent.gateway.config.GatewayProperties;
import io.ccagent.gateway.devices.DeviceCredential;
import io.ccagent.gateway.devices.DeviceDirectory;
import io.ccagent.gateway.devices.Registration;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.springframework.stereotype.Component;

/** REGISTER: digest-authenticated per device, realm = the tenant in the To URI; one contact per device. */
@Component
class Registrar {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Registrar.class);

    private static final int DEFAULT_EXPIRES = 3600;

    private final Sip sip;
    private final DigestAuthenticator authenticator;
    private final DeviceDirectory devices;
    private final Clock clock;
    private final int minExpires;
    private final int maxExpires;
    private final MeterRegistry meters;

    Registrar(Sip sip, DigestAuthenticator authenticator, DeviceDirectory devices, Clock clock,
              GatewayProperties properties, MeterRegistry meters) {
        this.sip = sip;
        this.authenticator = authenticator;
        this.devices = devices;
        this.clock = clock;
        this.minExpires = properties.sip().minExpires();
        this.maxExpires = properties.sip().maxExpires();
        this.meters = meters;
    }

    void register(ServerTransaction transaction) {
        Request request = transaction.getRequest();
        SipURI to = (SipURI) ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
        Tenant tenant;
        try {
            tenant = Tenant.of(to.getHost());
        } catch (IllegalArgumentException e) {
            sip.respond(transaction, Response.BAD_REQUEST);
            return;
        }
        DigestAuthenticator.Outcome outcome = authenticator.authenticate(request, tenant);
        if (outcome instanceof DigestAuthenticator.Challenge challenge) {
            authenticator.challenge(transaction, tenant, challenge.stale());
        } else if (outcome instanceof DigestAuthenticator.Forbidden forbidden) {
            refuse(transaction, forbidden.reason());
        } else if (outcome instanceof DigestAuthenticator.Authenticated authenticated) {
            if (!authenticated.credential().device().name().equals(to.getUser())) {
                refuse(transaction, "device " + authenticated.credential().device() + " cannot register " + to);
            } else {
                bind(transaction, authenticated.credential());
            }
        }
    }

    private void refuse(ServerTransaction transaction, String reason) {
        meters.counter("cca.gateway.sip.register.refused").increment();
        log.debug("REGISTER refused: {}", reason);
        sip.respond(transaction, Response.FORBIDDEN);
    }

    private void bind(ServerTransaction transaction, DeviceCredential credential) {
        Request request = transaction.getRequest();
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        int expires = requestedExpires(request, contact);
        Response ok = sip.response(request, Response.OK);
        if (contact == null) {
            // A REGISTER without Contact asks for the current bindings.
            devices.registration(credential.device()).ifPresent(current -> addBinding(ok, current));
        } else if (contact.isWildCard() || expires == 0) {
            devices.unregister(credential.device(), "unregistered");
        } else {
            int granted = Math.max(minExpires, Math.min(maxExpires, expires));
            addBinding(ok, devices.register(credential, contact.getAddress().getURI().toString(), granted));
            meters.counter("cca.gateway.sip.register.accepted").increment();
        }
        sip.send(transaction, ok);
    }

    private void addBinding(Response ok, Registration registration) {
        try {
            ContactHeader header = sip.headers().createContactHeader(
                    sip.addresses().createAddress(registration.contact()));
            int remaining = (int) Math.max(0, Duration.between(clock.instant(), registration.expires()).toSeconds());
            header.setExpires(remaining);
            ok.addHeader(header);
            ok.addHeader(sip.headers().createExpiresHeader(remaining));
        } catch (java.text.ParseException | InvalidArgumentException e) {
            throw new SipFailure("cannot echo the binding of " + registration.device(), e);
        }
    }

    private static int requestedExpires(Request request, ContactHeader contact) {
        if (contact != null && contact.getExpires() >= 0) {
            return contact.getExpires();
        }
        ExpiresHeader header = request.getExpires();
        return header != null ? header.getExpires() : DEFAULT_EXPIRES;
    }
}
