package io.ccagent.stats.agent;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.ccagent.stats.StatsProperties;
import io.ccagent.stats.store.Keys;
import io.ccagent.stats.store.Latest;
import io.ccagent.stats.store.Rows.Agent;
import io.ccagent.stats.store.Rows.AgentHour;
import io.ccagent.stats.store.StatsStore;
import org.bson.Document;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads one agent's hour rows by id (point lookups only, which every MongoDB-compatible store serves fast). */
final class AgentHours {

    private static final int FIRST_SCAN_HOURS = 24;
    private static final int MAX_SCAN_HOURS = 16 * 24;

    private final StatsStore store;
    private final StatsProperties properties;
    private final Clock clock;

    AgentHours(StatsStore store, StatsProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** The agent's zone from its latest provisioning; UTC when unknown. */
    ZoneId zone(String agent) {
        String zone = latest(agent).getString(Agent.ZONE);
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(Latest.parse(zone, 1).value(0));
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** The agent's latest-values row (zone, status, per-queue login), or an empty one. */
    Document latest(String agent) {
        Document doc = store.current().agents().find(Filters.eq("_id", agent)).first();
        return doc == null ? new Document() : doc;
    }

    /** Hour rows whose UTC hour starts in [first, last], with only the given fields. */
    List<Document> between(String agent, Instant first, Instant last, String... fields) {
        List<String> ids = new ArrayList<>();
        for (Instant hour = first; !hour.isAfter(last); hour = hour.plus(1, ChronoUnit.HOURS)) {
            ids.add(Keys.agentHour(agent, hour.toEpochMilli()));
        }
        List<Document> hours = new ArrayList<>();
        store.current().agentHours().find(Filters.in("_id", ids)).projection(Projections.include(fields)).into(hours);
        return hours;
    }

    /** Hour rows covering the instants [from, to). */
    List<Document> covering(String agent, Instant from, Instant to, String... fields) {
        return between(agent, from.truncatedTo(ChronoUnit.HOURS), to.minusMillis(1).truncatedTo(ChronoUnit.HOURS),
                fields);
    }

    /**
     * Walks back from the hour before {@code before}, a day first and then twice as far each time (up to 16 days),
     * until {@code enough} says so or the aggregate retention is reached; returns every row read.
     */
    List<Document> scanBack(String agent, Instant before, Predicate<List<Document>> enough, String... fields) {
        Instant oldest = clock.instant().truncatedTo(ChronoUnit.DAYS)
                .minus(properties.aggregateRetentionDays(), ChronoUnit.DAYS);
        List<Document> read = new ArrayList<>();
        Instant last = before.truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        int chunk = FIRST_SCAN_HOURS;
        while (!last.isBefore(oldest) && !enough.test(read)) {
            Instant first = last.minus(chunk - 1, ChronoUnit.HOURS);
            read.addAll(between(agent, first.isBefore(oldest) ? oldest : first, last, fields));
            last = first.minus(1, ChronoUnit.HOURS);
            chunk = Math.min(chunk * 2, MAX_SCAN_HOURS);
        }
        return read;
    }

    /** The call rows of the given hour rows. */
    static List<CallRow> calls(List<Document> hours) {
        List<CallRow> rows = new ArrayList<>();
        for (Document hour : hours) {
            Document calls = hour.get(AgentHour.CALLS, Document.class);
            if (calls != null) {
                calls.forEach((key, row) -> rows.add(CallRow.of(Keys.unfield(key), (Document) row)));
            }
        }
        return rows;
    }

    /** The entries of one map field of the given hour rows, keyed by event id. */
    static List<Map.Entry<String, Document>> entries(List<Document> hours, String field) {
        List<Map.Entry<String, Document>> entries = new ArrayList<>();
        for (Document hour : hours) {
            Document map = hour.get(field, Document.class);
            if (map != null) {
                map.forEach((key, value) -> entries.add(Map.entry(key, (Document) value)));
            }
        }
        return entries;
    }
}
