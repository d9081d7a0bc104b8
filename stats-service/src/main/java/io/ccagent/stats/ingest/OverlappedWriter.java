package io.ccagent.stats.ingest;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one write at a time on its own thread, so its owner decodes the next chunk while the current one is written.
 * Owned by one thread (a consumer's or the rebuild's).
 */
public final class OverlappedWriter implements AutoCloseable {

    private final ExecutorService thread;
    private Future<?> inFlight = CompletableFuture.completedFuture(null);

    public OverlappedWriter(String name) {
        thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread writer = new Thread(runnable, name);
            writer.setDaemon(true);
            return writer;
        });
    }

    /** Waits for the write in flight, then starts this one. */
    public void submit(Runnable write) {
        awaitInFlight();
        inFlight = thread.submit(write);
    }

    /** Waits for the write in flight; its failure is thrown here. */
    public void awaitInFlight() {
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            inFlight.cancel(true);
            Thread.currentThread().interrupt();
            throw new Projector.Interrupted();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
