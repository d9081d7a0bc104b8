package io.ccagent.stats.agent;

import org.bson.Document;

import java.util.Comparator;

/** One call in an agent's day, as the call projection wrote it. */
record CallRow(String call, long time, String direction, String origin, String queue, String number, String name,
               boolean answered, Long talkSeconds, String outcome) {

    static final Comparator<CallRow> NEWEST_FIRST = Comparator.comparingLong(CallRow::time).reversed()
            .thenComparing(CallRow::call);

    static CallRow of(String call, Document row) {
        return new CallRow(call, row.getLong("t"), row.getString("d"), row.getString("o"), row.getString("q"),
                row.getString("n"), row.getString("nm"), Boolean.TRUE.equals(row.getBoolean("a")),
                row.getLong("tk"), row.getString("oc"));
    }

    boolean inbound() {
        return "INBOUND".equals(direction);
    }

    boolean within(long from, long to) {
        return time >= from && time < to;
    }
}
