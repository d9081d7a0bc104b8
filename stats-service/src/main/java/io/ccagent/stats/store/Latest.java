package io.ccagent.stats.store;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * "Latest value wins" as one string that sorts by event time, then event id: written with MongoDB's {@code $max},
 * so the newest fact survives whatever order (or how many times) events arrive, without reading first.
 */
public record Latest(long time, String eventId, List<String> values) {

    private static final String SEPARATOR = "|";

    public static String encode(long epochMillis, UUID eventId, String... values) {
        return String.format("%015d", epochMillis) + SEPARATOR + eventId + SEPARATOR + String.join(SEPARATOR, values);
    }

    /** {@code valueCount} values follow time and id; the last one may itself contain the separator. */
    public static Latest parse(String encoded, int valueCount) {
        String[] parts = encoded.split("\\|", valueCount + 2);
        return new Latest(Long.parseLong(parts[0]), parts[1], Arrays.asList(parts).subList(2, parts.length));
    }

    public String value(int index) {
        return index < values.size() ? values.get(index) : "";
    }
}
