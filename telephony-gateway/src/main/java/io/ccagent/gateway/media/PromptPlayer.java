package io.ccagent.gateway.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import io.ccagent.media.RtpFrames;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Streams the spoken star-code confirmations (8 kHz G.711 µ-law, shipped in {@code prompts/}) as RTP
 * ({@link RtpFrames}), one 20 ms packet at a time on the shared timer threads.
 */
@Component
public class PromptPlayer {

    private static final Logger log = LoggerFactory.getLogger(PromptPlayer.class);

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
        return RtpFrames.packetsOf(prompts.get(code));
    }

    /** Plays the prompt to {@code remote} from {@code socket}; {@code whenDone} runs once, after the last packet. */
    public Playback play(String code, DatagramSocket socket, InetSocketAddress remote, Runnable whenDone) {
        Stream stream = new Stream(prompts.get(code), socket, remote, whenDone);
        stream.task = timers.scheduleAtFixedRate(stream::sendNext, 0, RtpFrames.FRAME_MILLIS, TimeUnit.MILLISECONDS);
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
        private final RtpFrames frames = new RtpFrames();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile ScheduledFuture<?> task;
        private int offset;

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
            byte[] packet = frames.packet(audio, offset);
            offset += RtpFrames.FRAME_BYTES;
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
