package io.ccagent.gateway.sip;

import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.gateway.config.GatewayProperties;
import io.ccagent.gateway.devices.DeviceCredential;
import io.ccagent.gateway.devices.DeviceDirectory;
import io.ccagent.gateway.devices.Digest;
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
 * RFC 2617 digest authentication of phones against their stored HA1, realm = tenant domain. Nonces are stateless
 * (issue time + HMAC), so a flood of unauthenticated requests costs no memory.
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

    DigestAuthenticator(Sip sip, DeviceDirectory devices, Clock clock, GatewayProperties properties) {
        this.sip = sip;
        this.devices = devices;
        this.clock = clock;
        this.nonceLifetimeSeconds = properties.sip().nonceLifetime().toSeconds();
        new SecureRandom().nextBytes(secret);
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
        if (username == null || realm == null || nonce == null || response == null || uri == null) {
            return new Forbidden("incomplete credentials");
        }
        if (!realm.equalsIgnoreCase(tenant.domain())) {
            return new Forbidden("credentials for realm " + realm + " used in tenant " + tenant);
        }
        Optional<DeviceCredential> credential = deviceCredential(username, tenant);
        if (credential.isEmpty()) {
            return new Forbidden("no device " + username + " in tenant " + tenant);
        }
        if (!nonceIsOurs(nonce)) {
            return new Forbidden("nonce was not issued here");
        }
        if (nonceIsStale(nonce)) {
            return new Challenge(true);
        }
        String ha2 = Digest.md5Hex(request.getMethod() + ":" + uri);
        String qop = authorization.getQop();
        String expected = qop == null
                ? Digest.md5Hex(credential.get().ha1() + ":" + nonce + ":" + ha2)
                : Digest.md5Hex(credential.get().ha1() + ":" + nonce + ":" + authorization.getParameter("nc") + ":"
                        + authorization.getCNonce() + ":" + qop + ":" + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return new Forbidden("wrong password for " + username + "@" + tenant);
        }
        return new Authenticated(credential.get());
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

    private String newNonce() {
        String issued = Long.toString(clock.instant().getEpochSecond());
        return issued + "." + sign(issued);
    }

    private boolean nonceIsOurs(String nonce) {
        int dot = nonce.indexOf('.');
        return dot > 0 && MessageDigest.isEqual(sign(nonce.substring(0, dot)).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private boolean nonceIsStale(String nonce) {
        try {
            long issued = Long.parseLong(nonce.substring(0, nonce.indexOf('.')));
            return clock.instant().getEpochSecond() - issued > nonceLifetimeSeconds;
        } catch (NumberFormatException e) {
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
