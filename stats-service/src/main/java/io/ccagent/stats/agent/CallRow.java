package io.ccagent.stats.agent;

import io.ccagent.stats.store.Rows.AgentCall;
import org.bson.Document;

import java.util.Comparator;

/** One call in an agent's hour row, as the call projection wrote it. */
record CallRow(String call, long time, String direction, String origin, String queue, String number, String name,
               boolean answered, Long talkSeconds, String outcome) {

    static final Comparator<CallRow> NEWEST_FIRST = Comparator.comparingLong(CallRow::time).reversed()
            .thenComparing(CallRow::call);

    static CallRow of(String call, Document row) {
        return new CallRow(call, row.getLong(AgentCall.TIME), row.getString(AgentCall.DIRECTION),
                row.getString(AgentCall.ORIGIN), row.getString(AgentCall.QUEUE), row.getString(AgentCall.NUMBER),
                row.getString(AgentCall.NAME), Boolean.TRUE.equals(row.getBoolean(AgentCall.ANSWERED)),
                row.getLong(AgentCall.TALK_SECONDS), row.getString(AgentCall.OUTCOME));
    }

    boolean inbound() {
        return "INBOUND".equals(direction);
    }

    boolean within(long from, long to) {
        return time >= from && time < to;
    }
}
