package io.ccagent.stats.agent;

import java.util.Comparator;

/** One status change ({@code value} = new status) or queue-login change ({@code value} = "true"/"false"). */
record Change(long time, String eventId, String subject, String before, String value) {

    static final Comparator<Change> CHRONOLOGICAL = Comparator.comparingLong(Change::time).thenComparing(Change::eventId);
}
