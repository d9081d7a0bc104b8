package io.ccagent.gateway.sip;

import gov.nist.javax.sip.message.SIPRequest;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.gateway.config.GatewayProperties;
import io.ccagent.gateway.devices.DeviceCredential;
import io.ccagent.gateway.devices.DeviceDirectory;
import io.ccagent.gateway.devices.Digest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sip.ServerTransaction;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.springframework.stereotype.Component;

/**
 * RFC 2617 / 7616 digest authentication of phones against their stored HA1, realm = tenant domain, {@code qop=auth}
 * only (RFC 2069 digests are refused). Nonces are stateless (issue time + HMAC), so a flood of unauthenticated
 * requests costs no memory; the nonce count of every nonce that authenticated is tracked, so a captured
 * Authorization cannot be replayed, and its {@code uri} must be the request's own Request-URI, so it cannot be
 * reused for another target. Wrong credentials slow further attempts down per device and per source.
 */
@Component
class DigestAuthenticator {

    sealed interface Outcome permits Authenticated, Challenge, Forbidden {
    }

    record Authenticated(DeviceCredential credential) implements Outcome {
    }

    /** No (or a stale) Authorization header: answer 401 with a fresh nonce. */
    record Challenge(boolean stale) implements Outcome {
    }

    record Forbidden(String reason) implements Outcome {
    }

    private final Sip sip;
    private final DeviceDirectory devices;
    private final Clock clock;
    private final long nonceLifetimeSeconds;
    private final byte[] secret = new byte[32];
    private final SecureRandom random = new SecureRandom();
    private final NonceCounts nonceCounts = new NonceCounts();
    private final AuthFailures failures;

    DigestAuthenticator(Sip sip, DeviceDirectory devices, AuthFailures failures, Clock clock,
                        GatewayProperties properties) {
        this.sip = sip;
        this.devices = devices;
        this.failures = failures;
        this.clock = clock;
        this.nonceLifetimeSeconds = properties.sip().nonceLifetime().toSeconds();
        random.nextBytes(secret);
    }

    /** Checks the request's credentials for a device of {@code tenant}. */
    Outcome authenticate(Request request, Tenant tenant) {
        AuthorizationHeader authorization = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
        if (authorization == null) {
            return new Challenge(false);
        }
        String username = authorization.getUsername();
        String realm = authorization.getRealm();
        String nonce = authorization.getNonce();
        String response = authorization.getResponse();
        String uri = authorization.getParameter("uri");
        String nc = authorization.getParameter("nc");
        String cnonce = authorization.getCNonce();
        if (username == null || realm == null || nonce == null || response == null || uri == null) {
            return new Forbidden("incomplete credentials");
        }
        if (!"auth".equalsIgnoreCase(authorization.getQop()) || nc == null || cnonce == null) {
            return new Forbidden("digest without qop=auth, nc and cnonce (RFC 2069 style)");
        }
        if (!realm.equalsIgnoreCase(tenant.domain())) {
            return new Forbidden("credentials for realm " + realm + " used in tenant " + tenant);
        }
        if (!isRequestUri(uri, request)) {
            return new Forbidden("digest uri " + uri + " is not the Request-URI " + request.getRequestURI());
        }
        InetAddress source = request instanceof SIPRequest sipRequest ? sipRequest.getRemoteAddress() : null;
        Optional<DeviceCredential> credential = deviceCredential(username, tenant);
        DeviceId device = credential.map(DeviceCredential::device).orElse(null);
        if (failures.backedOff(device, source)) {
            // an attempt while backing off counts against its source (hammering keeps the wait at its longest),
            // not against the device, whose owner retrying must get in once the wait is over
            failures.failed(null, source);
            return new Forbidden("too many wrong credentials from " + source + " or for " + username + ": backing off");
        }
        if (credential.isEmpty()) {
            failures.failed(null, source);
            return new Forbidden("no device " + username + " in tenant " + tenant);
        }
        if (!nonceIsOurs(nonce)) {
            return new Forbidden("nonce was not issued here");
        }
        if (nonceIsStale(nonce)) {
            return new Challenge(true);
        }
        String ha2 = Digest.md5Hex(request.getMethod() + ":" + uri);
        String expected = Digest.md5Hex(credential.get().ha1() + ":" + nonce + ":" + nc + ":" + cnonce + ":"
                + authorization.getQop() + ":" + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            failures.failed(device, source);
            return new Forbidden("wrong password for " + username + "@" + tenant);
        }
        if (!nonceCounts.advance(nonce, nonceCount(nc), this::nonceIsStale)) {
            // A replay, or a client that reuses its count: either way only a fresh nonce gets in.
            return new Challenge(true);
        }
        failures.succeeded(device);
        return new Authenticated(credential.get());
    }

    private boolean isRequestUri(String uri, Request request) {
        try {
            return sip.addresses().createURI(uri).equals(request.getRequestURI());
        } catch (ParseException e) {
            return false;
        }
    }

    private static long nonceCount(String nc) {
        try {
            return Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Optional<DeviceCredential> deviceCredential(String username, Tenant tenant) {
        try {
            return devices.credential(DeviceId.of(username, tenant));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void challenge(ServerTransaction request, Tenant tenant, boolean stale) {
        Response response = sip.response(request.getRequest(), Response.UNAUTHORIZED);
        try {
            WWWAuthenticateHeader header = sip.headers().createWWWAuthenticateHeader("Digest");
            header.setRealm(tenant.domain());
            header.setNonce(newNonce());
            header.setAlgorithm("MD5");
            header.setQop("auth");
            if (stale) {
                header.setParameter("stale", "TRUE");
            }
            response.addHeader(header);
        } catch (ParseException e) {
            throw new SipFailure("cannot build a digest challenge", e);
        }
        sip.send(request, response);
    }

    /** {@code issued.random.hmac}: unique per challenge (its count is tracked), verifiable without state. */
    private String newNonce() {
        byte[] unique = new byte[8];
        random.nextBytes(unique);
        String issuedAndUnique = clock.instant().getEpochSecond() + "." + HexFormat.of().formatHex(unique);
        return issuedAndUnique + "." + sign(issuedAndUnique);
    }

    private boolean nonceIsOurs(String nonce) {
        int lastDot = nonce.lastIndexOf('.');
        return lastDot > 0 && MessageDigest.isEqual(sign(nonce.substring(0, lastDot)).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private boolean nonceIsStale(String nonce) {
        try {
            long issued = Long.parseLong(nonce.substring(0, nonce.indexOf('.')));
            return clock.instant().getEpochSecond() - issued > nonceLifetimeSeconds;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return true;
        }
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.US_ASCII)), 0, 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM ships HmacSHA256", e);
        }
    }
}
