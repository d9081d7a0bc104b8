package io.ccagent.gateway;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** One UDP socket on a fixed port sending hand-written SIP to the test gateway and reading its final answer. */
final class RawSip implements AutoCloseable {

    private final DatagramSocket socket;

    RawSip(int port) throws IOException {
        socket = new DatagramSocket(port, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(500);
    }

    /**
     * Sends one request and returns the text of the first final response to it (same Call-ID and CSeq; earlier
     * requests' responses, retransmitted until acknowledged, are skipped), or "(no answer)" after 5 s; the request is
     * sent again every 500 ms meanwhile.
     */
    String exchange(String request) throws IOException {
        String callId = header(request, "Call-ID");
        String cseq = header(request, "CSeq");
        byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        DatagramPacket outgoing = new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(),
                GatewayTestBase.SIP_PORT);
        socket.send(outgoing);
        byte[] buffer = new byte[65_535];
        StringBuilder others = new StringBuilder();
        for (int waited = 0; waited < 10; ) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                // as a UA over UDP does (RFC 3261 timer A): the transaction layer absorbs the duplicate
                socket.send(outgoing);
                waited++;
                continue;
            }
            String text = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
            if (text.startsWith("SIP/2.0 ") && !text.startsWith("SIP/2.0 1") && callId.equals(header(text, "Call-ID"))
                    && cseq.equals(header(text, "CSeq"))) {
                return text;
            }
            others.append(text.lines().findFirst().orElse("")).append(" / ");
        }
        return "(no answer; other messages: " + others + ")";
    }

    private static String header(String message, String name) {
        return message.lines().filter(line -> line.startsWith(name + ":")).findFirst()
                .map(line -> line.substring(name.length() + 1).strip()).orElse("");
    }

    @Override
    public void close() {
        socket.close();
    }
}
