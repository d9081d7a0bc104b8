package io.ccagent.stats.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Document ids and field names of the projections. Ids such as calls or agents contain dots, which MongoDB
 * reads as path separators in field names, so map keys are escaped.
 */
public final class Keys {

    private Keys() {
    }

    /** A value usable as one segment of a field path. */
    public static String field(String value) {
        return value.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    public static String unfield(String field) {
        return field.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }

    /** One agent's facts for one UTC hour: {@code 1002@xyz.com|2026-11-26T10:00:00Z}. */
    public static String agentHour(String agent, long hourStartMillis) {
        return agent + "|" + Instant.ofEpochMilli(hourStartMillis);
    }

    /** One queue's calls that arrived in one UTC hour: {@code 8001@xyz.com|2026-11-26T10:00:00Z}. */
    public static String queueHour(String queue, long hourStartMillis) {
        return queue + "|" + Instant.ofEpochMilli(hourStartMillis);
    }

    public static long utcHourStart(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.HOURS).toEpochMilli();
    }

    /** A call is only unique within its tenant: the telephony side chooses call ids. */
    public static String call(String tenant, String call) {
        return tenant + "|" + call;
    }
}
