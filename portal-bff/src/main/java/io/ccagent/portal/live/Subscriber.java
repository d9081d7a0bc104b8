package io.ccagent.portal.live;

import io.ccagent.portal.account.PortalUser;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One open browser stream with its own bounded queue. Frames are written by at most one writer task at a time (taken
 * from a shared pool and scheduled only while frames wait), so the publisher never blocks on a slow browser and one
 * stream's frames stay in order.
 */
final class Subscriber {

    /** One SSE frame waiting to be written, with what is needed to measure it once written. */
    record Frame(String name, String id, String json, long eventTimeMillis) {

        SseEmitter.SseEventBuilder event() {
            SseEmitter.SseEventBuilder event = SseEmitter.event().name(name);
            return (id == null ? event : event.id(id)).data(json, MediaType.APPLICATION_JSON);
        }
    }

    private static final Frame SIGNED_OUT = new Frame("signed-out", null, "{}", -1);

    private final PortalUser user;
    private final String session;
    private final SseEmitter emitter;
    private final Queue<Frame> frames;
    private final Executor writers;
    private final Executor closers;
    private final Consumer<Frame> written;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;

    Subscriber(PortalUser user, String session, SseEmitter emitter, int capacity, Executor writers,
               Executor closers, Consumer<Frame> written) {
        this.user = user;
        this.session = session;
        this.emitter = emitter;
        this.frames = new ArrayBlockingQueue<>(capacity);
        this.writers = writers;
        this.closers = closers;
        this.written = written;
    }

    PortalUser user() {
        return user;
    }

    String session() {
        return session;
    }

    boolean closed() {
        return closed;
    }

    /** Queues a frame; false when the queue is full (the caller drops this subscriber). */
    boolean offer(Frame frame) {
        if (closed) {
            return true;
        }
        if (!frames.offer(frame)) {
            return false;
        }
        if (scheduled.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
        return true;
    }

    /**
     * Ends the stream; frames still queued are discarded (the browser re-reads its page when it reconnects). Completing
     * waits for a write in progress, which a stalled browser can hold for long, so it never runs on the caller's thread.
     */
    void close() {
        closed = true;
        frames.clear();
        closers.execute(emitter::complete);
    }

    /** Ends the stream after a last {@code signed-out} frame, so the page says it is signed out instead of reconnecting. */
    void signOut() {
        closed = true;
        frames.clear();
        closers.execute(() -> {
            try {
                emitter.send(SIGNED_OUT.event());
            } catch (IOException | IllegalStateException gone) {
                // the browser had gone already: nothing left to tell
            }
            emitter.complete();
        });
    }

    private void drain() {
        do {
            Frame frame;
            while (!closed && (frame = frames.poll()) != null) {
                try {
                    emitter.send(frame.event());
                    written.accept(frame);
                } catch (IOException | IllegalStateException gone) {
                    closed = true;
                    frames.clear();
                    emitter.completeWithError(gone);
                }
            }
            scheduled.set(false);
            // a frame offered after the last poll but before the flag was cleared must not wait for the next event
        } while (!closed && !frames.isEmpty() && scheduled.compareAndSet(false, true));
    }
}
