package io.ccagent.identity.server;

import io.ccagent.identity.Role;
import io.ccagent.identity.ServiceTokens;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import javax.crypto.spec.SecretKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies a token against the current key and, during a rotation, the previous one: HS256 signature, issuer,
 * expiry (60 s clock skew), and a tenant and a known role present.
 */
final class TokenDecoder implements JwtDecoder {

    private final List<JwtDecoder> keys;

    TokenDecoder(ServiceTokenProperties properties) {
        List<JwtDecoder> decoders = new ArrayList<>();
        decoders.add(decoder(properties.secret()));
        if (properties.previousSecret() != null && !properties.previousSecret().isBlank()) {
            decoders.add(decoder(properties.previousSecret()));
        }
        this.keys = List.copyOf(decoders);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        BadJwtException firstFailure = null;
        for (JwtDecoder key : keys) {
            try {
                return key.decode(token);
            } catch (BadJwtException e) {
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        throw firstFailure;
    }

    private static JwtDecoder decoder(String base64Secret) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(ServiceTokens.decodeSecret(base64Secret), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(ServiceTokens.ISSUER), TokenDecoder::carriesActor));
        return decoder;
    }

    private static OAuth2TokenValidatorResult carriesActor(Jwt jwt) {
        String tenant = jwt.getClaimAsString(ServiceTokens.TENANT_CLAIM);
        String role = jwt.getClaimAsString(ServiceTokens.ROLE_CLAIM);
        boolean knownRole = role != null && Arrays.stream(Role.values()).anyMatch(r -> r.name().equals(role));
        if (tenant == null || tenant.isBlank() || jwt.getSubject() == null || !knownRole) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                    "the token must name a subject, a tenant and one of the roles " + Arrays.toString(Role.values()),
                    null));
        }
        return OAuth2TokenValidatorResult.success();
    }

}
