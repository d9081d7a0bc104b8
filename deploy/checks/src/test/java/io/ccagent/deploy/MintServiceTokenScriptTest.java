package io.ccagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccagent.identity.ServiceTokens;
import io.ccagent.identity.server.ServiceIdentityAutoConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * deploy/tools/mint-service-token.sh, which docs/deploy.md uses to provision from a shell, mints tokens the services
 * accept: run through bash, verified by the token decoder service-identity configures in every service.
 */
class MintServiceTokenScriptTest {

    private static final String SCRIPT = "deploy/tools/mint-service-token.sh";
    private static final String SECRET = ServiceTokens.newSecret();

    @Test
    void aMintedTokenVerifiesWithTheServicesKeyAndNamesTheCaller() throws IOException {
        Instant before = Instant.now().minusSeconds(1);
        String token = mint(SECRET, "provisioning", "acme.example.com", "SYSTEM");

        Jwt jwt = decodedByAService(SECRET, null, token);

        assertThat(jwt.getClaimAsString("iss")).isEqualTo(ServiceTokens.ISSUER);
        assertThat(jwt.getSubject()).isEqualTo("provisioning");
        assertThat(jwt.getClaimAsString(ServiceTokens.TENANT_CLAIM)).isEqualTo("acme.example.com");
        assertThat(jwt.getClaimAsString(ServiceTokens.ROLE_CLAIM)).isEqualTo("SYSTEM");
        assertThat(jwt.getIssuedAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt()))
                .as("no longer-lived than the services' own tokens").isPositive()
                .isLessThanOrEqualTo(ServiceTokens.DEFAULT_TTL);
    }

    @Test
    void theRoleDefaultsToSystemAndAnyRoleCanBeAsked() throws IOException {
        assertThat(decodedByAService(SECRET, null, mint(SECRET, "seeder", "acme.example.com"))
                .getClaimAsString(ServiceTokens.ROLE_CLAIM)).isEqualTo("SYSTEM");
        assertThat(decodedByAService(SECRET, null, mint(SECRET, "1001@acme.example.com", "acme.example.com", "SUPERVISOR"))
                .getClaimAsString(ServiceTokens.ROLE_CLAIM)).isEqualTo("SUPERVISOR");
    }

    @Test
    void aServiceWithAnotherKeyRefusesTheTokenUnlessItIsThePreviousKeyOfARotation() throws IOException {
        String token = mint(SECRET, "provisioning", "acme.example.com", "SYSTEM");
        String newKey = ServiceTokens.newSecret();

        assertThatThrownBy(() -> decodedByAService(newKey, null, token)).isInstanceOf(JwtException.class);
        assertThat(decodedByAService(newKey, SECRET, token).getSubject()).isEqualTo("provisioning");
    }

    @Test
    void refusesWhatWouldMakeABadTokenInsteadOfMintingIt() throws IOException {
        for (String[] arguments : new String[][] {
                {"provisioning", "acme.example.com", "ADMIN"},
                {"x\",\"role\":\"SYSTEM", "acme.example.com", "AGENT"},
                {"provisioning", "acme.example.com\"", "SYSTEM"},
                {"provisioning"}}) {
            Commands.Result result = run(SECRET, arguments);
            assertThat(result.exitCode()).as("%s: %s", String.join(" ", arguments), result.output()).isNotZero();
        }
        for (String secret : new String[] {"", "not base64!", "c2hvcnQ="}) {
            Commands.Result result = run(secret, "provisioning", "acme.example.com");
            assertThat(result.exitCode()).as("secret '%s': %s", secret, result.output()).isNotZero();
            assertThat(result.output()).contains("SERVICE_TOKEN_SECRET");
        }
    }

    private static String mint(String secret, String... arguments) throws IOException {
        Commands.Result result = run(secret, arguments);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output().trim();
    }

    private static Commands.Result run(String secret, String... arguments) throws IOException {
        String[] command = new String[arguments.length + 2];
        command[0] = "bash";
        command[1] = RepositoryFiles.file(SCRIPT).toString();
        System.arraycopy(arguments, 0, command, 2, arguments.length);
        return Commands.run(Duration.ofSeconds(30), RepositoryFiles.root(), Map.of("SERVICE_TOKEN_SECRET", secret), command);
    }

    /** The token as a service configured with these keys decodes it (its JwtDecoder bean), or the refusal. */
    private static Jwt decodedByAService(String secret, String previousSecret, String token) {
        AtomicReference<Jwt> decoded = new AtomicReference<>();
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ServiceIdentityAutoConfiguration.class))
                .withPropertyValues("service-token.secret=" + secret,
                        "service-token.previous-secret=" + (previousSecret == null ? "" : previousSecret))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    decoded.set(context.getBean(JwtDecoder.class).decode(token));
                });
        return decoded.get();
    }
}
