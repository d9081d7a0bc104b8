package io.ccagent.stats.rebuild;

import java.time.Instant;

/** Where the last (or current) rebuild stands. {@code error} is set when it failed. */
public record RebuildStatus(String state, Instant startedAt, Instant finishedAt, Integer generation, long records,
                           String error) {

    static RebuildStatus idle() {
        return new RebuildStatus("IDLE", null, null, null, 0, null);
    }

    static RebuildStatus started(Instant at) {
        return new RebuildStatus("RUNNING", at, null, null, 0, null);
    }

    static RebuildStatus finished(Instant startedAt, Instant at, int generation, long records, String error) {
        return new RebuildStatus(error == null ? "DONE" : "FAILED", startedAt, at, generation, records, error);
    }

    boolean running() {
        return "RUNNING".equals(state);
    }
}
