package io.ccagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.parser.StringMsgParser;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed and hostile SIP gets an error answer or is dropped, and the gateway keeps serving. */
class HostileSipIT extends GatewayTestBase {

    @Autowired
    @Qualifier("sipHealthIndicator")
    HealthIndicator sipHealth;

    @Test
    void requestWithABrokenHeaderGets400() {
        Sipp.scenario("malformed").localPort(15066).target(GATEWAY).key("tenant", "hostile.example.com")
                .start().awaitSuccess(Duration.ofSeconds(20));
    }

    /** Over raw UDP: sipp cannot match an answer to a request whose CSeq it cannot read itself. */
    @Test
    void unparseableCSeqGetsAParseable400WithAToTag() throws Exception {
        // from a port of its own: the 400 to an INVITE is resent until acknowledged, other tests must not read it
        String request = request("INVITE", "hostile-cseq", "").replace("CSeq: 1 INVITE", "CSeq: one INVITE")
                .replace("127.0.0.1:15067", "127.0.0.1:15130")
                .replace("Max-Forwards: 70", "Max-Forwards: 70\r\nContact: <sip:probe@127.0.0.1:15130>");

        String answer = exchange(request, 15130);

        assertThat(answer).startsWith("SIP/2.0 400 ");
        Response parsed = (Response) new StringMsgParser().parseSIPMessage(answer.getBytes(StandardCharsets.UTF_8),
                true, false, null);
        assertThat(parsed.getReasonPhrase()).doesNotContain("\n", "\r");
        assertThat(((ToHeader) parsed.getHeader(ToHeader.NAME)).getTag()).isNotBlank();
        assertThat(((CallIdHeader) parsed.getHeader(CallIdHeader.NAME)).getCallId()).isEqualTo("hostile-cseq");
    }

    @Test
    void inviteWithoutContactGets400() {
        rfc("rfc-invite-without-contact", 15101);
    }

    @Test
    void requestWithoutFromGets400() {
        rfc("rfc-without-from", 15102);
    }

    @Test
    void unsupportedSipVersionGets505() {
        rfc("rfc-bad-version", 15103);
    }

    private static void rfc(String scenario, int port) {
        Sipp.scenario(scenario).localPort(port).target(GATEWAY).key("tenant", "hostile.example.com")
                .start().awaitSuccess(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"From: <sip:probe@127.0.0.1", "To: garbage<<>>", "Content-Length: -5",
            "Via: SIP/2.0/UDP 127.0.0.1:notaport"})
    void brokenCoreHeaderGets400(String brokenHeader) throws Exception {
        String header = brokenHeader.substring(0, brokenHeader.indexOf(':'));
        String valid = request("OPTIONS", "hostile-h" + header.length(), "");
        String broken = valid.lines().map(line -> line.startsWith(header + ":") ? brokenHeader : line)
                .collect(java.util.stream.Collectors.joining("\r\n")) + "\r\n\r\n";

        String answer = exchange(broken);
        assertThat(answer).startsWith("SIP/2.0 400");
        assertThat(answer.split("\r\n")[1]).as("the line after the status line is a header").matches("[A-Za-z-]+: .*");
    }

    @Test
    void unknownMethodGets405() throws Exception {
        assertThat(exchange(request("FROBNICATE", "hostile-1", ""))).startsWith("SIP/2.0 405");
    }

    @Test
    void bodyAboveTheLimitGets413() throws Exception {
        assertThat(exchange(request("OPTIONS", "hostile-2", "x".repeat(10_000)))).startsWith("SIP/2.0 413");
    }

    @Test
    void datagramAboveTheMessageCapIsRefused() throws Exception {
        assertThat(exchange(request("OPTIONS", "hostile-4", "x".repeat(40_000)))).startsWith("SIP/2.0 400");
    }

    @Test
    void garbageIsDroppedAndTheGatewayStillAnswers() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] garbage = new byte[1400];
            new java.util.Random(7).nextBytes(garbage);
            for (int i = 0; i < 200; i++) {
                socket.send(new DatagramPacket(garbage, garbage.length, InetAddress.getLoopbackAddress(), SIP_PORT));
            }
        }
        assertThat(exchange(request("OPTIONS", "hostile-3", ""))).startsWith("SIP/2.0 200");
        assertThat(sipHealth.health().getStatus()).isEqualTo(Status.UP);
    }

    private static String request(String method, String callId, String body) {
        return method + " sip:hostile.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:15067;branch=z9hG4bK-" + callId + "\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=" + callId + "\r\n"
                + "To: <sip:hostile.example.com>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Max-Forwards: 70\r\n"
                + (body.isEmpty() ? "" : "Content-Type: text/plain\r\n")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** Sends one request over UDP and returns the first final response's text. */
    private static String exchange(String request) throws Exception {
        return exchange(request, 15067);
    }

    private static String exchange(String request, int localPort) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(localPort, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), SIP_PORT));
            byte[] buffer = new byte[65_535];
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return "(no answer)";
                }
                String text = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
                if (!text.startsWith("SIP/2.0 1")) {
                    return text;
                }
            }
        }
    }
}
