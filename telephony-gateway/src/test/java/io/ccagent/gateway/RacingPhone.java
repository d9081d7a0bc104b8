package io.ccagent.gateway;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A phone whose user picks up a fixed time after it starts ringing, whatever arrives meanwhile: it answers every
 * INVITE with 180 at once and 200 after {@code answerAfter}, and a CANCEL with 200 without giving up the 200 it is
 * about to send (as a phone whose user picked up while the CANCEL was on the wire). BYEs are answered 200.
 * Hand-written SIP over UDP, because a scripted UAS (sipp) cannot take a CANCEL in the middle of its pause.
 */
final class RacingPhone implements AutoCloseable {

    private final DatagramSocket socket;
    private final Duration answerAfter;
    private final Consumer<String> onInvite;
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
    private final Thread receiver;
    /** INVITEs already answered 180 (a retransmission gets the 180 again, not a second answer). */
    private final java.util.Map<String, String> tags = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code onInvite} is told the Call-ID of every INVITE the moment it arrives. */
    RacingPhone(int port, Duration answerAfter, Consumer<String> onInvite) throws SocketException {
        this.socket = new DatagramSocket(port, InetAddress.getLoopbackAddress());
        this.answerAfter = answerAfter;
        this.onInvite = onInvite;
        this.receiver = new Thread(this::receive, "racing-phone-" + port);
        receiver.setDaemon(true);
        receiver.start();
    }

    private void receive() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return;
            }
            String request = new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
            SocketAddress from = packet.getSocketAddress();
            if (request.startsWith("INVITE ")) {
                String callId = header(request, "Call-ID");
                String known = tags.putIfAbsent(callId, "phone" + Long.toHexString(System.nanoTime()));
                String tag = tags.get(callId);
                send(response(request, "180 Ringing", tag, ""), from);
                if (known != null) {
                    continue;
                }
                onInvite.accept(callId);
                answers.schedule(() -> send(response(request, "200 OK", tag, sdp()), from),
                        answerAfter.toMillis(), TimeUnit.MILLISECONDS);
            } else if (request.startsWith("CANCEL ") || request.startsWith("BYE ")) {
                send(response(request, "200 OK", null, ""), from);
            }
        }
    }

    private String response(String request, String status, String tag, String body) {
        StringBuilder response = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (String line : request.lines().toList()) {
            if (line.isEmpty()) {
                break;
            }
            String name = line.substring(0, Math.max(0, line.indexOf(':')));
            if (List.of("Via", "From", "Call-ID", "CSeq").contains(name)) {
                response.append(line).append("\r\n");
            } else if (name.equals("To")) {
                response.append(line).append(tag == null || line.contains(";tag=") ? "" : ";tag=" + tag).append("\r\n");
            }
        }
        response.append("Contact: <sip:phone@127.0.0.1:").append(socket.getLocalPort()).append(">\r\n");
        if (!body.isEmpty()) {
            response.append("Content-Type: application/sdp\r\n");
        }
        return response.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\n\r\n").append(body).toString();
    }

    private static String sdp() {
        return "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 30002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    private void send(String message, SocketAddress to) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException e) {
            // the phone is closing
        }
    }

    private static String header(String message, String name) {
        return message.lines().filter(line -> line.startsWith(name + ":")).findFirst()
                .map(line -> line.substring(name.length() + 1).strip()).orElse("");
    }

    @Override
    public void close() {
        answers.shutdownNow();
        socket.close();
    }
}
