package io.ccagent.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.gateway.config.GatewayProperties;
import io.ccagent.gateway.devices.DeviceCredential;
import io.ccagent.gateway.devices.DeviceDirectory;
import io.ccagent.gateway.devices.Digest;
import io.ccagent.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class DigestAuthenticatorTest {

    private static final Tenant TENANT = Tenant.of("xyzcorporation.com");
    private static final DeviceId PHONE = DeviceId.of("1002a", TENANT);
    private static final String URI = "sip:xyzcorporation.com";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private Sip sip;
    private DigestAuthenticator authenticator;

    @BeforeEach
    void setUp() throws Exception {
        GatewayProperties properties = SipSettings.withSourceBudget(100);
        sip = new Sip(properties);
        DeviceDirectory devices = mock(DeviceDirectory.class);
        when(devices.credential(any())).thenAnswer(call -> PHONE.equals(call.getArgument(0))
                ? Optional.of(new DeviceCredential(PHONE, AgentId.of("1002", TENANT),
                        Digest.ha1("1002a", TENANT.domain(), "secret")))
                : Optional.empty());
        authenticator = new DigestAuthenticator(sip, devices, new AuthFailures(clock, properties), clock, properties);
    }

    @Test
    void requestWithoutCredentialsIsChallengedInTheTenantsRealm() throws Exception {
        Request register = register();

        assertThat(authenticator.authenticate(register, TENANT)).isEqualTo(new DigestAuthenticator.Challenge(false));
        assertThat(challenge(register).getRealm()).isEqualTo(TENANT.domain());
    }

    @Test
    void rightPasswordAuthenticatesTheDevice() throws Exception {
        Request register = register();
        String nonce = challenge(register).getNonce();
        authorize(register, "1002a", TENANT.domain(), nonce, "secret");

        assertThat(authenticator.authenticate(register, TENANT))
                .isInstanceOfSatisfying(DigestAuthenticator.Authenticated.class,
                        ok -> assertThat(ok.credential().device()).isEqualTo(PHONE));
    }

    @Test
    void wrongPasswordIsForbidden() throws Exception {
        Request register = register();
        authorize(register, "1002a", TENANT.domain(), challenge(register).getNonce(), "guess");

        assertThat(authenticator.authenticate(register, TENANT)).isInstanceOf(DigestAuthenticator.Forbidden.class);
    }

    @Test
    void credentialsOfAnotherRealmAreForbidden() throws Exception {
        Request register = register();
        authorize(register, "1002a", "other.example.com", challenge(register).getNonce(), "secret");

        assertThat(authenticator.authenticate(register, TENANT)).isInstanceOf(DigestAuthenticator.Forbidden.class);
    }

    @Test
    void nonceNotIssuedHereIsForbidden() throws Exception {
        Request register = register();
        authorize(register, "1002a", TENANT.domain(), "1795690000.0123456789abcdef0123456789abcdef", "secret");

        assertThat(authenticator.authenticate(register, TENANT)).isInstanceOf(DigestAuthenticator.Forbidden.class);
    }

    @Test
    void oldNonceIsChallengedAgainAsStale() throws Exception {
        Request register = register();
        String nonce = challenge(register).getNonce();
        clock.advance(Duration.ofMinutes(6));
        authorize(register, "1002a", TENANT.domain(), nonce, "secret");

        assertThat(authenticator.authenticate(register, TENANT)).isEqualTo(new DigestAuthenticator.Challenge(true));
    }

    @Test
    void everyChallengeHasANonceOfItsOwnEvenWithinOneSecond() throws Exception {
        Request register = register();

        assertThat(challenge(register).getNonce()).isNotEqualTo(challenge(register).getNonce());
    }

    @Test
    void replayedAuthorizationIsChallengedAfresh() throws Exception {
        Request register = register();
        authorize(register, "1002a", TENANT.domain(), challenge(register).getNonce(), "secret");
        assertThat(authenticator.authenticate(register, TENANT)).isInstanceOf(DigestAuthenticator.Authenticated.class);

        assertThat(authenticator.authenticate(register, TENANT)).isEqualTo(new DigestAuthenticator.Challenge(true));
    }

    @Test
    void higherNonceCountOnTheSameNonceIsAccepted() throws Exception {
        Request register = register();
        String nonce = challenge(register).getNonce();
        authorize(register, "1002a", TENANT.domain(), nonce, "secret", URI, 1);
        assertThat(authenticator.authenticate(register, TENANT)).isInstanceOf(DigestAuthenticator.Authenticated.class);
        authorize(register, "1002a", TENANT.domain(), nonce, "secret", URI, 2);

        assertThat(authenticator.authenticate(register, TENANT)).isInstanceOf(DigestAuthenticator.Authenticated.class);
    }

    @Test
    void digestForAnotherUriIsForbidden() throws Exception {
        Request register = register();
        authorize(register, "1002a", TENANT.domain(), challenge(register).getNonce(), "secret",
                "sip:other.example.com", 1);

        assertThat(authenticator.authenticate(register, TENANT)).isInstanceOf(DigestAuthenticator.Forbidden.class);
    }

    @Test
    void digestWithoutQopIsForbidden() throws Exception {
        Request register = register();
        String nonce = challenge(register).getNonce();
        String ha2 = Digest.md5Hex(Request.REGISTER + ":" + URI);
        AuthorizationHeader header = sip.headers().createAuthorizationHeader("Digest");
        header.setUsername("1002a");
        header.setRealm(TENANT.domain());
        header.setNonce(nonce);
        header.setURI(sip.addresses().createURI(URI));
        header.setResponse(Digest.md5Hex(Digest.ha1("1002a", TENANT.domain(), "secret") + ":" + nonce + ":" + ha2));
        register.setHeader(header);

        assertThat(authenticator.authenticate(register, TENANT)).isInstanceOf(DigestAuthenticator.Forbidden.class);
    }

    @Test
    void afterFiveWrongPasswordsEvenTheRightOneWaitsUntilTheBackOffIsOver() throws Exception {
        Request register = register();
        for (int attempt = 1; attempt <= 5; attempt++) {
            authorize(register, "1002a", TENANT.domain(), challenge(register).getNonce(), "guess-" + attempt);
            assertThat(authenticator.authenticate(register, TENANT)).isInstanceOf(DigestAuthenticator.Forbidden.class);
        }
        authorize(register, "1002a", TENANT.domain(), challenge(register).getNonce(), "secret");
        assertThat(authenticator.authenticate(register, TENANT))
                .isInstanceOfSatisfying(DigestAuthenticator.Forbidden.class,
                        refused -> assertThat(refused.reason()).contains("backing off"));

        clock.advance(Duration.ofSeconds(2));
        authorize(register, "1002a", TENANT.domain(), challenge(register).getNonce(), "secret");
        assertThat(authenticator.authenticate(register, TENANT)).isInstanceOf(DigestAuthenticator.Authenticated.class);
    }

    private Request register() throws Exception {
        var from = sip.headers().createFromHeader(sip.address(null, "1002a", TENANT.domain()), "t1");
        var to = sip.headers().createToHeader(sip.address(null, "1002a", TENANT.domain()), null);
        return sip.messages().createRequest(sip.addresses().createURI(URI), Request.REGISTER,
                sip.headers().createCallIdHeader("c1"), sip.headers().createCSeqHeader(1L, Request.REGISTER), from, to,
                sip.via("udp"), sip.headers().createMaxForwardsHeader(70));
    }

    private WWWAuthenticateHeader challenge(Request request) {
        ServerTransaction transaction = mock(ServerTransaction.class);
        when(transaction.getRequest()).thenReturn(request);
        authenticator.challenge(transaction, TENANT, false);
        ArgumentCaptor<Response> sent = ArgumentCaptor.forClass(Response.class);
        try {
            verify(transaction).sendResponse(sent.capture());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(sent.getValue().getStatusCode()).isEqualTo(401);
        return (WWWAuthenticateHeader) sent.getValue().getHeader(WWWAuthenticateHeader.NAME);
    }

    private void authorize(Request request, String user, String realm, String nonce, String password) throws Exception {
        authorize(request, user, realm, nonce, password, URI, 1);
    }

    private void authorize(Request request, String user, String realm, String nonce, String password, String uri,
                           int nc) throws Exception {
        String ha1 = Digest.ha1(user, realm, password);
        String ha2 = Digest.md5Hex(Request.REGISTER + ":" + uri);
        String response = Digest.md5Hex(ha1 + ":" + nonce + ":" + String.format("%08x", nc) + ":abc:auth:" + ha2);
        AuthorizationHeader header = sip.headers().createAuthorizationHeader("Digest");
        header.setUsername(user);
        header.setRealm(realm);
        header.setNonce(nonce);
        header.setURI(sip.addresses().createURI(uri));
        header.setQop("auth");
        header.setNonceCount(nc);
        header.setCNonce("abc");
        header.setResponse(response);
        request.setHeader(header);
    }
}
