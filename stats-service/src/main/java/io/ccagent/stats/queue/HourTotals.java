package io.ccagent.stats.queue;

import io.ccagent.stats.store.Rows.QueueCall;
import org.bson.Document;

/** What one queue hour adds to the wallboard figures. */
record HourTotals(long offered, long answered, long abandoned, long withinServiceLevel, long judged,
                  long waitMillis, long talkSeconds, long talked) {

    static final HourTotals NONE = new HourTotals(0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Totals of the call rows that arrived within [from, to], {@code to} being now. {@code judged} are the calls the
     * service level is taken over: a caller still waiting who has not yet waited the service-level time is neither
     * in nor out of it yet, so is left out; one still waiting beyond it has already missed it.
     */
    static HourTotals of(Document calls, long from, long to, long serviceLevelMillis) {
        if (calls == null) {
            return NONE;
        }
        long offered = 0;
        long answered = 0;
        long abandoned = 0;
        long within = 0;
        long judged = 0;
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
            if (!Boolean.FALSE.equals(call.getBoolean(QueueCall.OVER)) || to - time > serviceLevelMillis) {
                judged++;
            }
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
        return new HourTotals(offered, answered, abandoned, within, judged, waitMillis, talkSeconds, talked);
    }

    HourTotals plus(HourTotals other) {
        return new HourTotals(offered + other.offered, answered + other.answered, abandoned + other.abandoned,
                withinServiceLevel + other.withinServiceLevel, judged + other.judged, waitMillis + other.waitMillis,
                talkSeconds + other.talkSeconds, talked + other.talked);
    }
}
