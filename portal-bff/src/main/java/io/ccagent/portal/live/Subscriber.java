package io.ccagent.portal.live;

import io.ccagent.portal.account.PortalUser;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
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

    /**
     * One SSE frame, rendered once for every stream that receives it (a frame of a tenant-wide event goes to each of
     * the tenant's streams), with its event time to measure it once written.
     */
    record Frame(byte[] rendered, long eventTimeMillis) {

        static Frame of(String name, String id, String json, long eventTimeMillis) {
            StringBuilder text = new StringBuilder("event:").append(name).append('\n');
            if (id != null) {
                text.append("id:").append(id).append('\n');
            }
            json.lines().forEach(line -> text.append("data:").append(line).append('\n'));
            return new Frame(text.append('\n').toString().getBytes(StandardCharsets.UTF_8), eventTimeMillis);
        }

        /** As written: the rendered bytes, as they are. */
        ResponseBodyEmitter.DataWithMediaType data() {
            return new ResponseBodyEmitter.DataWithMediaType(rendered, MediaType.TEXT_PLAIN);
        }
    }

    /** Frames written with one flush: all a stream has waiting, up to this many. */
    private static final int MAX_FRAMES_PER_WRITE = 64;
    private static final Frame SIGNED_OUT = Frame.of("signed-out", null, "{}", -1);

    private final PortalUser user;
    private final LiveVisibility.Viewer viewer;
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
        this.viewer = LiveVisibility.Viewer.of(user);
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

    LiveVisibility.Viewer viewer() {
        return viewer;
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
                emitter.send(Set.of(SIGNED_OUT.data()));
            } catch (IOException | IllegalStateException gone) {
                // the browser had gone already: nothing left to tell
            }
            emitter.complete();
        });
    }

    private void drain() {
        do {
            for (List<Frame> batch = waiting(); !closed && !batch.isEmpty(); batch = waiting()) {
                write(batch);
            }
            scheduled.set(false);
            // a frame offered after the last poll but before the flag was cleared must not wait for the next event
        } while (!closed && !frames.isEmpty() && scheduled.compareAndSet(false, true));
    }

    private List<Frame> waiting() {
        List<Frame> batch = new ArrayList<>();
        Frame frame;
        while (batch.size() < MAX_FRAMES_PER_WRITE && (frame = frames.poll()) != null) {
            batch.add(frame);
        }
        return batch;
    }

    /** The frames in one write and one flush; a stream that cannot be written to any more is closed. */
    private void write(List<Frame> batch) {
        Set<ResponseBodyEmitter.DataWithMediaType> data = new LinkedHashSet<>();
        batch.forEach(frame -> data.add(frame.data()));
        try {
            emitter.send(data);
            batch.forEach(written);
        } catch (IOException | IllegalStateException gone) {
            closed = true;
            frames.clear();
            emitter.completeWithError(gone);
        }
    }
}
