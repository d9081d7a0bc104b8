package io.ccagent.stats.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

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

    /**
     * How many rows one queue's hour is spread over. One row per hour held every call of the hour: a busy queue's row
     * grew by each call (764 KB after 12,000 calls) and was rewritten whole by every batch, and at about 260,000
     * calls an hour it would pass MongoDB's 16 MB document limit. Spread over 16 rows it stays below that up to
     * about four million calls per queue and hour.
     */
    public static final int QUEUE_HOUR_SHARDS = 16;

    /**
     * The row of one queue's hour that a call which arrived in it is listed in:
     * {@code 8001@xyz.com|2026-11-26T10:00:00Z|7}, the last part fixed by the call id (the same in every run and
     * rebuild).
     */
    public static String queueHour(String queue, long hourStartMillis, String call) {
        return queue + "|" + Instant.ofEpochMilli(hourStartMillis) + "|" + Math.floorMod(call.hashCode(), QUEUE_HOUR_SHARDS);
    }

    /** Every row of one queue's hour. */
    public static List<String> queueHourRows(String queue, long hourStartMillis) {
        String hour = queue + "|" + Instant.ofEpochMilli(hourStartMillis) + "|";
        return IntStream.range(0, QUEUE_HOUR_SHARDS).mapToObj(shard -> hour + shard).toList();
    }

    public static long utcHourStart(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.HOURS).toEpochMilli();
    }

    /** A call is only unique within its tenant: the telephony side chooses call ids. */
    public static String call(String tenant, String call) {
        return tenant + "|" + call;
    }
}
