package io.ccagent.gateway.media;

import java.net.InetSocketAddress;
import java.util.Optional;

/** Where a phone wants its audio, read from the {@code c=} and {@code m=audio} lines of its SDP offer. */
public final class AudioEndpoint {

    private AudioEndpoint() {
    }

    public static Optional<InetSocketAddress> fromSdp(String sdp) {
        if (sdp == null) {
            return Optional.empty();
        }
        String host = null;
        int port = -1;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("c=IN IP4 ") && host == null) {
                host = line.substring("c=IN IP4 ".length()).trim();
            } else if (line.startsWith("m=audio ")) {
                String[] parts = line.split(" ");
                try {
                    port = Integer.parseInt(parts[1]);
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    return Optional.empty();
                }
            }
        }
        if (host == null || port <= 0 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(host, port));
    }

    /** Our answer: PCMU only, we only send (a confirmation prompt). */
    public static String answer(String host, int port, long sessionId) {
        return "v=0\r\n"
                + "o=gateway " + sessionId + " " + sessionId + " IN IP4 " + host + "\r\n"
                + "s=confirmation\r\n"
                + "c=IN IP4 " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=sendonly\r\n";
    }
}
