package io.ccagent.gateway.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Streams the spoken star-code confirmations (8 kHz G.711 µ-law, shipped in {@code prompts/}) as RTP, one 20 ms
 * packet at a time on the shared timer threads.
 */
@Component
public class PromptPlayer {

    private static final Logger log = LoggerFactory.getLogger(PromptPlayer.class);
    private static final int FRAME_BYTES = 160;
    private static final byte ULAW_SILENCE = (byte) 0xFF;

    private final ScheduledExecutorService timers;
    private final Map<String, byte[]> prompts;

    PromptPlayer(ScheduledExecutorService timers) {
        this.timers = timers;
        this.prompts = Map.of("*50", load("single-call"), "*51", load("online"), "*52", load("offline"));
    }

    private static byte[] load(String name) {
        try (InputStream in = PromptPlayer.class.getResourceAsStream("/prompts/" + name + ".ulaw")) {
            if (in == null) {
                throw new IllegalStateException("prompt " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean hasPrompt(String code) {
        return prompts.containsKey(code);
    }

    /** How many RTP packets the confirmation of {@code code} takes. */
    public int packetsOf(String code) {
        return (prompts.get(code).length + FRAME_BYTES - 1) / FRAME_BYTES;
    }

    /** Plays the prompt to {@code remote} from {@code socket}; {@code whenDone} runs once, after the last packet. */
    public Playback play(String code, DatagramSocket socket, InetSocketAddress remote, Runnable whenDone) {
        Stream stream = new Stream(prompts.get(code), socket, remote, whenDone);
        stream.task = timers.scheduleAtFixedRate(stream::sendNext, 0, 20, TimeUnit.MILLISECONDS);
        return stream;
    }

    /** A running prompt; stopping it (the caller hung up) skips {@code whenDone}. */
    public interface Playback {
        void stop();
    }

    private static final class Stream implements Playback {
        private final byte[] audio;
        private final DatagramSocket socket;
        private final InetSocketAddress remote;
        private final Runnable whenDone;
        private final int ssrc = ThreadLocalRandom.current().nextInt();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile ScheduledFuture<?> task;
        private int offset;
        private int sequence = ThreadLocalRandom.current().nextInt(0, 0x10000);
        private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;

        Stream(byte[] audio, DatagramSocket socket, InetSocketAddress remote, Runnable whenDone) {
            this.audio = audio;
            this.socket = socket;
            this.remote = remote;
            this.whenDone = whenDone;
        }

        void sendNext() {
            if (finished.get()) {
                return;
            }
            if (offset >= audio.length) {
                if (finish()) {
                    whenDone.run();
                }
                return;
            }
            byte[] packet = new byte[12 + FRAME_BYTES];
            packet[0] = (byte) 0x80;
            packet[1] = (byte) (offset == 0 ? 0x80 : 0x00);
            packet[2] = (byte) (sequence >> 8);
            packet[3] = (byte) sequence;
            for (int i = 0; i < 4; i++) {
                packet[4 + i] = (byte) (timestamp >> (24 - 8 * i));
                packet[8 + i] = (byte) (ssrc >> (24 - 8 * i));
            }
            int length = Math.min(FRAME_BYTES, audio.length - offset);
            System.arraycopy(audio, offset, packet, 12, length);
            Arrays.fill(packet, 12 + length, packet.length, ULAW_SILENCE);
            offset += FRAME_BYTES;
            sequence = (sequence + 1) & 0xFFFF;
            timestamp = (timestamp + FRAME_BYTES) & 0xFFFFFFFFL;
            try {
                socket.send(new DatagramPacket(packet, packet.length, remote));
            } catch (IOException e) {
                log.debug("RTP to {} failed: {}", remote, e.toString());
            }
        }

        private boolean finish() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> running = task;
            if (running != null) {
                running.cancel(false);
            }
            socket.close();
            return true;
        }

        @Override
        public void stop() {
            finish();
        }
    }
}
