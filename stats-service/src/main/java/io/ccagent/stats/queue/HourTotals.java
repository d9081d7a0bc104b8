package io.ccagent.stats.queue;

import io.ccagent.stats.store.Rows.QueueCall;
import org.bson.Document;

/** What one queue hour adds to the wallboard figures. */
record HourTotals(long offered, long answered, long abandoned, long withinServiceLevel, long waitMillis,
                  long talkSeconds, long talked) {

    static final HourTotals NONE = new HourTotals(0, 0, 0, 0, 0, 0, 0);

    /** Totals of the call rows that arrived within [from, to]. */
    static HourTotals of(Document calls, long from, long to, long serviceLevelMillis) {
        if (calls == null) {
            return NONE;
        }
        long offered = 0;
        long answered = 0;
        long abandoned = 0;
        long within = 0;
        long waitMillis = 0;
        long talkSeconds = 0;
        long talked = 0;
        for (Object value : calls.values()) {
            Document call = (Document) value;
            long time = call.getLong(QueueCall.TIME);
            if (time < from || time > to) {
                continue;
            }
            offered++;
            if (Boolean.TRUE.equals(call.getBoolean(QueueCall.ABANDONED))) {
                abandoned++;
            }
            if (Boolean.TRUE.equals(call.getBoolean(QueueCall.ANSWERED))) {
                answered++;
                long wait = call.getLong(QueueCall.WAIT_MILLIS);
                waitMillis += wait;
                if (wait <= serviceLevelMillis) {
                    within++;
                }
            }
            Long talk = call.getLong(QueueCall.TALK_SECONDS);
            if (talk != null) {
                talkSeconds += talk;
                talked++;
            }
        }
        return new HourTotals(offered, answered, abandoned, within, waitMillis, talkSeconds, talked);
    }

    HourTotals plus(HourTotals other) {
        return new HourTotals(offered + other.offered, answered + other.answered, abandoned + other.abandoned,
                withinServiceLevel + other.withinServiceLevel, waitMillis + other.waitMillis,
                talkSeconds + other.talkSeconds, talked + other.talked);
    }
}
