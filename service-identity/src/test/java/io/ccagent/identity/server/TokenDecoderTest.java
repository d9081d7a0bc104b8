package io.ccagent.identity.server;

import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.identity.ServiceTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenDecoderTest {

    private static final String CURRENT = ServiceTokens.newSecret();
    private static final String PREVIOUS = ServiceTokens.newSecret();
    private static final Actor SUPERVISOR = new Actor("XyzCorporation.com", "1100@xyzcorporation.com", Role.SUPERVISOR);

    @Test
    void aMintedTokenCarriesTheActor() {
        Jwt jwt = new TokenDecoder(new ServiceTokenProperties(CURRENT, null))
                .decode(ServiceTokens.withSecret(CURRENT).mint(SUPERVISOR));

        assertThat(new ActorAuthentication().convert(jwt).getDetails())
                .isEqualTo(new Actor("xyzcorporation.com", "1100@xyzcorporation.com", Role.SUPERVISOR));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = ServiceTokens.withSecret(CURRENT).mint(SUPERVISOR, Instant.now().minusSeconds(120));

        assertThatThrownBy(() -> new TokenDecoder(new ServiceTokenProperties(CURRENT, null)).decode(expired))
                .isInstanceOf(BadJwtException.class).hasMessageContaining("expired");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String foreign = ServiceTokens.withSecret(ServiceTokens.newSecret()).mint(SUPERVISOR);

        assertThatThrownBy(() -> new TokenDecoder(new ServiceTokenProperties(CURRENT, PREVIOUS)).decode(foreign))
                .isInstanceOf(BadJwtException.class);
    }

    @Test
    void duringARotationTokensOfThePreviousKeyStillPass() {
        String old = ServiceTokens.withSecret(PREVIOUS).mint(SUPERVISOR);

        assertThat(new TokenDecoder(new ServiceTokenProperties(CURRENT, PREVIOUS)).decode(old).getSubject())
                .isEqualTo("1100@xyzcorporation.com");
        assertThatThrownBy(() -> new TokenDecoder(new ServiceTokenProperties(CURRENT, null)).decode(old))
                .isInstanceOf(BadJwtException.class);
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThatThrownBy(() -> ServiceTokens.withSecret("c2hvcnQ="))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32");
    }
}
