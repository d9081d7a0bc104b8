package io.ccagent.harness.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal SIP user agent over UDP: sends raw datagrams, and the two valid requests the fuzzer uses to check that the
 * gateway still serves (OPTIONS, and REGISTER with digest authentication).
 */
final class SipProbe implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3})");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"?([^\",]+)\"?");

    private final DatagramSocket socket;
    private final InetAddress gateway;
    private final int port;
    private final String domain;

    SipProbe(int port, String domain) throws IOException {
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.gateway = InetAddress.getLoopbackAddress();
        this.port = port;
        this.domain = domain;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, gateway, port));
    }

    /** The next datagram from the gateway, or null after the timeout. */
    String receive(Duration timeout) throws IOException {
        byte[] buffer = new byte[65535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            socket.receive(packet);
            return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** Status code of the final answer to a request with this Call-ID, or -1 if none came; requests to us are ignored. */
    int awaitFinal(String callId, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String message = receive(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (message == null) {
                return -1;
            }
            Matcher status = STATUS.matcher(message);
            if (status.find() && message.contains(callId)) {
                int code = Integer.parseInt(status.group(1));
                if (code >= 200) {
                    return code;
                }
            }
        }
        return -1;
    }

    /** A well-formed OPTIONS; answers the final status code, -1 when the gateway stayed silent. */
    int options() throws IOException {
        String callId = UUID.randomUUID() + "@harness";
        send(SipMessages.options(domain, localPort(), callId).getBytes(StandardCharsets.UTF_8));
        return awaitFinal(callId, Duration.ofSeconds(3));
    }

    /** REGISTER, answering a digest challenge once; answers the final status code. */
    int register(String device, String password) throws IOException {
        String callId = UUID.randomUUID() + "@harness";
        send(SipMessages.register(domain, device, localPort(), callId, 1, null).getBytes(StandardCharsets.UTF_8));
        String challenge = awaitChallenge(callId);
        if (challenge == null) {
            return awaitFinal(callId, Duration.ofMillis(10));
        }
        String authorization = digest(challenge, device, password, "REGISTER", "sip:" + domain);
        send(SipMessages.register(domain, device, localPort(), callId, 2, authorization).getBytes(StandardCharsets.UTF_8));
        return awaitFinal(callId, Duration.ofSeconds(3));
    }

    private String awaitChallenge(String callId) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            String message = receive(Duration.ofSeconds(3));
            if (message == null) {
                return null;
            }
            if (message.contains(callId) && (message.startsWith("SIP/2.0 401") || message.startsWith("SIP/2.0 407"))) {
                for (String line : message.split("\r\n")) {
                    String lower = line.toLowerCase();
                    if (lower.startsWith("www-authenticate:") || lower.startsWith("proxy-authenticate:")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            }
            if (message.contains(callId) && STATUS.matcher(message).find() && !message.startsWith("SIP/2.0 1")) {
                return null;
            }
        }
        return null;
    }

    private static String digest(String challenge, String user, String password, String method, String uri) {
        String realm = param(challenge, "realm");
        String nonce = param(challenge, "nonce");
        String qop = param(challenge, "qop");
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String header = "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", algorithm=MD5";
        if (qop != null && qop.contains("auth")) {
            String cnonce = UUID.randomUUID().toString().substring(0, 8);
            String response = md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2);
            return header + ", qop=auth, nc=00000001, cnonce=\"" + cnonce + "\", response=\"" + response + "\"";
        }
        return header + ", response=\"" + md5(ha1 + ":" + nonce + ":" + ha2) + "\"";
    }

    private static String param(String challenge, String name) {
        Matcher matcher = PARAM.matcher(challenge);
        while (matcher.find()) {
            if (matcher.group(1).equalsIgnoreCase(name)) {
                return matcher.group(2);
            }
        }
        return null;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
