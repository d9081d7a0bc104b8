package io.ccagent.stats.agent;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.ccagent.stats.StatsProperties;
import io.ccagent.stats.store.Keys;
import io.ccagent.stats.store.Latest;
import io.ccagent.stats.store.StatsStore;
import org.bson.Document;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads one agent's day documents by id (point lookups only, which every MongoDB-compatible store serves fast). */
final class AgentDays {

    private static final int SCAN_CHUNK_DAYS = 7;

    private final StatsStore store;
    private final StatsProperties properties;
    private final Clock clock;

    AgentDays(StatsStore store, StatsProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** The agent's zone from its latest provisioning; UTC when unknown. */
    ZoneId zone(String agent) {
        Document doc = store.current().agents().find(Filters.eq("_id", agent)).first();
        if (doc == null || doc.getString("z") == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(Latest.parse(doc.getString("z"), 1).value(0));
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** The agent's latest-values document (zone, status, per-queue login), or an empty one. */
    Document latest(String agent) {
        Document doc = store.current().agents().find(Filters.eq("_id", agent)).first();
        return doc == null ? new Document() : doc;
    }

    /** Day documents whose UTC date lies in [first, last], with only the given fields. */
    List<Document> between(String agent, LocalDate first, LocalDate last, String... fields) {
        List<String> ids = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            ids.add(Keys.agentDay(agent, day));
        }
        List<Document> days = new ArrayList<>();
        store.current().agentDays().find(Filters.in("_id", ids)).projection(Projections.include(fields)).into(days);
        return days;
    }

    /** Day documents covering the instants [from, to). */
    List<Document> covering(String agent, Instant from, Instant to, String... fields) {
        return between(agent, LocalDate.ofInstant(from, ZoneOffset.UTC),
                LocalDate.ofInstant(to.minusMillis(1), ZoneOffset.UTC), fields);
    }

    /**
     * Walks back from the day before {@code before}, a week at a time, until {@code enough} says so or the
     * aggregate retention is reached; returns every document read.
     */
    List<Document> scanBack(String agent, LocalDate before, Predicate<List<Document>> enough, String... fields) {
        LocalDate oldest = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(properties.aggregateRetentionDays());
        List<Document> read = new ArrayList<>();
        LocalDate last = before.minusDays(1);
        while (!last.isBefore(oldest) && !enough.test(read)) {
            LocalDate first = last.minusDays(SCAN_CHUNK_DAYS - 1);
            read.addAll(between(agent, first.isBefore(oldest) ? oldest : first, last, fields));
            last = first.minusDays(1);
        }
        return read;
    }

    /** The call rows of the given day documents. */
    static List<CallRow> calls(List<Document> days) {
        List<CallRow> rows = new ArrayList<>();
        for (Document day : days) {
            Document calls = day.get("c", Document.class);
            if (calls != null) {
                calls.forEach((key, row) -> rows.add(CallRow.of(Keys.unfield(key), (Document) row)));
            }
        }
        return rows;
    }

    /** The entries of one map field ("s", "l", "m") of the given day documents, keyed by event id. */
    static List<Map.Entry<String, Document>> entries(List<Document> days, String field) {
        List<Map.Entry<String, Document>> entries = new ArrayList<>();
        for (Document day : days) {
            Document map = day.get(field, Document.class);
            if (map != null) {
                map.forEach((key, value) -> entries.add(Map.entry(key, (Document) value)));
            }
        }
        return entries;
    }
}
