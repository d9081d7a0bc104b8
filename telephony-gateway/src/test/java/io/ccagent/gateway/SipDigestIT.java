package io.ccagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import io.ccagent.gateway.devices.Digest;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Digest authentication an attacker cannot get around: captured authorizations are not replayable, guessing
 * passwords backs off per source and per device, short passwords are not accepted. sipp plays phone and attacker
 * where it can; replays are sent over raw UDP (sipp recomputes its authorization for every request).
 */
class SipDigestIT extends GatewayTestBase {

    private static final String TENANT = "digest.example.com";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "right-password";

    /**
     * A captured REGISTER authorization, replayed in a request of the attacker's own (new transaction, its Contact).
     * Raw UDP: sipp recomputes its authorization with a new count, which is legitimate reuse of a nonce.
     */
    @Test
    void replayedRegisterAuthorizationWithAnotherContactIsChallengedAfresh() throws Exception {
        provisionDevice(TENANT, "1101a", "1101", PASSWORD);
        try (RawSip phone = new RawSip(15131)) {
            String register = "sip:" + TENANT;
            String challenge = phone.exchange(request("REGISTER", register, "1101a", "reg-1", 1, 15131, 15131, null));
            assertThat(challenge).startsWith("SIP/2.0 401");
            String authorization = authorization(challenge, "1101a", "REGISTER", "sip:" + TENANT);
            assertThat(phone.exchange(request("REGISTER", register, "1101a", "reg-1", 2, 15131, 15131, authorization)))
                    .startsWith("SIP/2.0 200");

            // the attacker's own request (new Call-ID, its Contact) with the captured header
            assertThat(phone.exchange(request("REGISTER", register, "1101a", "hijack", 1, 15131, 15132, authorization)))
                    .startsWith("SIP/2.0 401").contains("stale=TRUE");
        }
        assertThat(http().get().uri("/tenants/{tenant}/devices", TENANT).retrieve().body(String.class))
                .contains("sip:1101a@127.0.0.1:15131").doesNotContain("15132");
    }

    @Test
    void replayedInviteAuthorizationIsChallengedAfresh() throws Exception {
        provisionDevice(TENANT, "1102a", "1102", PASSWORD);
        String target = "sip:*99@" + TENANT;
        try (RawSip phone = new RawSip(15133)) {
            String challenge = phone.exchange(request("INVITE", target, "1102a", "inv-1", 1, 15133, 15133, null));
            String authorization = authorization(challenge, "1102a", "INVITE", target);
            assertThat(phone.exchange(request("INVITE", target, "1102a", "inv-1", 2, 15133, 15133, authorization)))
                    .as("authenticated: the unknown code is refused").startsWith("SIP/2.0 404");

            String replayed = request("INVITE", target, "1102a", "inv-replayed", 1, 15133, 15133, authorization);
            assertThat(phone.exchange(replayed))
                    .startsWith("SIP/2.0 401").contains("stale=TRUE");
        }
    }

    @Test
    void authorizationForAnotherRequestUriIsRefused() throws Exception {
        provisionDevice(TENANT, "1106a", "1106", PASSWORD);
        try (RawSip phone = new RawSip(15134)) {
            String starCode = "sip:*99@" + TENANT;
            String challenge = phone.exchange(request("INVITE", starCode, "1106a", "uri-1", 1, 15134, 15134, null));
            String forStarCode = authorization(challenge, "1106a", "INVITE", starCode);

            assertThat(phone.exchange(request("INVITE", "sip:+15550001111@" + TENANT, "1106a", "uri-1", 2, 15134,
                    15134, forStarCode))).startsWith("SIP/2.0 403");
        }
    }

    @Test
    void twentyWrongPasswordsBackOffTheSourceUntilTheDelayIsOver() {
        provisionDevice(TENANT, "1103a", "1103", PASSWORD);
        provisionDevice(TENANT, "1104a", "1104", PASSWORD);

        register("register-refused", "127.0.0.2", 15108, "1103a", "wrong-password", 20);
        // While backing off, even the right password (of another device) is refused from the guessing source.
        register("register-refused", "127.0.0.2", 15108, "1104a", PASSWORD, 1);
        // Other devices from other sources are not affected.
        register("register", "127.0.0.1", 15109, "1104a", PASSWORD, 1);
        // The owner gets in once the device's delay is over (per-device back-off: DigestAuthenticatorTest).
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> register("register", "127.0.0.1", 15109, "1103a", PASSWORD, 1));
    }

    @Test
    void devicePasswordsShorterThanEightCharactersAreRefused() {
        assertThatThrownBy(() -> http().put().uri("/tenants/{tenant}/devices/{device}", TENANT, "1105a")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("agent", "1105@" + TENANT, "password", "1234567"))
                .retrieve().toBodilessEntity())
                .isInstanceOfSatisfying(HttpClientErrorException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
    }

    /** A request sent from {@code viaPort} (where the answer comes back), to be reached at {@code contactPort}. */
    private static String request(String method, String uri, String device, String callId, int cseq, int viaPort,
                                  int contactPort, String authorization) {
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + viaPort + ";branch=z9hG4bK-" + UUID.randomUUID() + "\r\n"
                + "From: <sip:" + device + "@" + TENANT + ">;tag=" + callId + "\r\n"
                + "To: <" + (method.equals("REGISTER") ? "sip:" + device + "@" + TENANT : uri) + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:" + device + "@127.0.0.1:" + contactPort + ">\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + (method.equals("REGISTER") ? "Expires: 300\r\n" : "")
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    /** The phone's answer to the challenge (RFC 2617, qop=auth, nc=00000001). */
    private static String authorization(String challenge, String device, String method, String uri) {
        String realm = parameter(challenge, "realm");
        String nonce = parameter(challenge, "nonce");
        String ha1 = Digest.md5Hex(device + ":" + realm + ":" + PASSWORD);
        String ha2 = Digest.md5Hex(method + ":" + uri);
        String response = Digest.md5Hex(ha1 + ":" + nonce + ":00000001:c0ffee:auth:" + ha2);
        return "Digest username=\"" + device + "\",realm=\"" + realm + "\",nonce=\"" + nonce + "\",uri=\"" + uri
                + "\",response=\"" + response + "\",algorithm=MD5,qop=auth,nc=00000001,cnonce=\"c0ffee\"";
    }

    private static String parameter(String challenge, String name) {
        Matcher matcher = Pattern.compile(name + "=\"([^\"]*)\"").matcher(challenge);
        assertThat(matcher.find()).as("%s in %s", name, challenge).isTrue();
        return matcher.group(1);
    }

    private static void register(String scenario, String address, int port, String device, String password, int times) {
        Sipp.scenario(scenario).localAddress(address).localPort(port).target(GATEWAY)
                .key("device", device).key("tenant", TENANT).key("contact_port", port).key("expires", 300)
                .credentials(device, password).load(times, 20, 1, WAIT).start().awaitSuccess(WAIT);
    }
}
