package io.ccagent.media;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One outgoing RTP stream (RFC 3550) of 8 kHz G.711 µ-law audio, payload type 0: each {@link #packet} carries the
 * next 20 ms frame, with the stream's random SSRC and its sequence number and timestamp moving on by one frame.
 * Sending a packet every {@link #FRAME_MILLIS} ms plays the audio in real time. Not thread-safe: one sender a stream.
 */
public final class RtpFrames {

    /** 20 ms of 8 kHz µ-law: 160 samples of one byte. */
    public static final int FRAME_BYTES = 160;
    public static final long FRAME_MILLIS = 20;
    private static final int HEADER_BYTES = 12;
    private static final byte ULAW_SILENCE = (byte) 0xFF;

    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private int sequence = ThreadLocalRandom.current().nextInt(0, 0x10000);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;

    /**
     * The packet of the frame of {@code audio} that starts at {@code offset}; a short last frame is filled up with
     * silence. The frame at offset 0 carries the marker bit: a talkspurt starts there.
     */
    public byte[] packet(byte[] audio, int offset) {
        byte[] packet = new byte[HEADER_BYTES + FRAME_BYTES];
        packet[0] = (byte) 0x80;
        packet[1] = (byte) (offset == 0 ? 0x80 : 0x00);
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        for (int i = 0; i < 4; i++) {
            packet[4 + i] = (byte) (timestamp >> (24 - 8 * i));
            packet[8 + i] = (byte) (ssrc >> (24 - 8 * i));
        }
        int length = Math.min(FRAME_BYTES, audio.length - offset);
        System.arraycopy(audio, offset, packet, HEADER_BYTES, length);
        Arrays.fill(packet, HEADER_BYTES + length, packet.length, ULAW_SILENCE);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + FRAME_BYTES) & 0xFFFFFFFFL;
        return packet;
    }

    /** How many packets {@code audio} takes. */
    public static int packetsOf(byte[] audio) {
        return (audio.length + FRAME_BYTES - 1) / FRAME_BYTES;
    }
}
