package io.ccagent.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Mints the short-lived tokens callers present to the services ({@code Authorization: Bearer ...}): an HS256-signed
 * JWT with {@code sub} = login, {@code tenant}, {@code role}, {@code iat} and {@code exp}. The key is the deployment's
 * shared secret ({@code SERVICE_TOKEN_SECRET}, base64 of at least 32 random bytes).
 */
public final class ServiceTokens {

    /** The token's issuer claim; services accept only this issuer. */
    public static final String ISSUER = "cc-agent";
    public static final String TENANT_CLAIM = "tenant";
    public static final String ROLE_CLAIM = "role";
    /** Long enough for one request and its retries; short enough that a leaked token is soon worthless. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final int MIN_KEY_BYTES = 32;

    private final MACSigner signer;
    private final Duration ttl;
    private final Clock clock;

    private ServiceTokens(byte[] key, Duration ttl, Clock clock) {
        try {
            this.signer = new MACSigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("service token secret: " + e.getMessage(), e);
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Tokens signed with this base64 secret, valid for {@link #DEFAULT_TTL}. */
    public static ServiceTokens withSecret(String base64Secret) {
        return withSecret(base64Secret, DEFAULT_TTL, Clock.systemUTC());
    }

    public static ServiceTokens withSecret(String base64Secret, Duration ttl, Clock clock) {
        return new ServiceTokens(decodeSecret(base64Secret), ttl, clock);
    }

    /** The key bytes of a base64 secret; refuses a missing or short one with a message that says what to set. */
    public static byte[] decodeSecret(String base64Secret) {
        if (base64Secret == null || base64Secret.isBlank()) {
            throw new IllegalStateException("SERVICE_TOKEN_SECRET is not set: give every service and caller the same "
                    + "base64 secret of at least " + MIN_KEY_BYTES + " random bytes (e.g. `openssl rand -base64 32`)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Secret.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SERVICE_TOKEN_SECRET is not base64", e);
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("SERVICE_TOKEN_SECRET is " + key.length + " bytes; at least "
                    + MIN_KEY_BYTES + " are needed for HS256");
        }
        return key;
    }

    /** A fresh random secret in the form {@code SERVICE_TOKEN_SECRET} takes. */
    public static String newSecret() {
        byte[] key = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A token for this actor, valid from now for the configured lifetime. */
    public String mint(Actor actor) {
        return mint(actor, clock.instant().plus(ttl));
    }

    /** A token that expires at the given instant (tests use one in the past). */
    public String mint(Actor actor, Instant expiresAt) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(actor.login())
                .claim(TENANT_CLAIM, actor.tenant())
                .claim(ROLE_CLAIM, actor.role().name())
                .issueTime(Date.from(now.isBefore(expiresAt) ? now : expiresAt.minusSeconds(1)))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a service token", e);
        }
        return jwt.serialize();
    }

    /** The value of an {@code Authorization} header carrying a fresh token for this actor. */
    public String authorization(Actor actor) {
        return "Bearer " + mint(actor);
    }
}
