package io.ccagent.stats.queue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.stats.store.Generation;
import io.ccagent.stats.store.Keys;
import io.ccagent.stats.store.Latest;
import io.ccagent.stats.store.StatsStore;
import org.bson.Document;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Queue statistics for a wallboard: today's calls from the queue's hour documents plus its live state. */
@Service
public class QueueQueries {

    private static final String AVAILABLE = "AVAILABLE";
    private static final long HOUR_MILLIS = 3_600_000;
    /** Bounds memory: about 24 hours x a few thresholds x thousands of queues. */
    private static final int MAX_CACHED_HOURS = 200_000;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private final StatsStore store;
    private final Clock clock;

    public QueueQueries(StatsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public List<QueueStatistics> statistics(Tenant tenant, int serviceLevelSeconds) {
        Instant now = clock.instant();
        List<QueueStatistics> result = new ArrayList<>();
        for (Document queue : store.current().queues().find(Filters.eq("tn", tenant.domain()))) {
            result.add(statistics(queue, now, serviceLevelSeconds * 1000L));
        }
        result.sort(Comparator.comparing(QueueStatistics::queue));
        return result;
    }

    private QueueStatistics statistics(Document queue, Instant now, long serviceLevelMillis) {
        String id = queue.getString("_id");
        Latest config = queue.getString("cfg") == null ? null : Latest.parse(queue.getString("cfg"), 2);
        ZoneId zone = zone(config);
        String name = config == null ? id.substring(0, id.indexOf('@')) : config.value(1);
        Instant from = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();

        List<String> hours = new ArrayList<>();
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); !hour.isAfter(now); hour = hour.plus(1, ChronoUnit.HOURS)) {
            hours.add(Keys.queueHour(id, hour.toEpochMilli()));
        }
        HourTotals totals = totals(id, hours, from.toEpochMilli(), now.toEpochMilli(), serviceLevelMillis);
        return new QueueStatistics(id, name, zone.getId(), from, totals.offered(), totals.answered(),
                totals.abandoned(),
                totals.offered() == 0 ? 100.0 : Math.round(totals.withinServiceLevel() * 1000.0 / totals.offered()) / 10.0,
                totals.answered() == 0 ? 0 : Math.round(totals.waitMillis() / 100.0 / totals.answered()) / 10.0,
                totals.talked() == 0 ? 0 : Math.round(totals.talkSeconds() * 10.0 / totals.talked()) / 10.0,
                longestWaitSeconds(queue, now),
                agentsByState(queue));
    }

    /**
     * Sums the queue's hours in [from, now]. Hours wholly inside the window are cached by their version token and
     * re-read only when a write (live, late or replayed) gave them a new one.
     */
    private HourTotals totals(String queue, List<String> hours, long from, long now, long serviceLevelMillis) {
        Generation generation = store.current();
        Map<String, Object> versions = new HashMap<>();
        generation.queueHours().find(Filters.in("_id", hours)).projection(Projections.include("v"))
                .forEach(hour -> versions.put(hour.getString("_id"), hour.get("v")));
        HourTotals totals = HourTotals.NONE;
        List<String> toRead = new ArrayList<>();
        for (Map.Entry<String, Object> hour : versions.entrySet()) {
            Cached cached = cache.get(cacheKey(generation, hour.getKey(), serviceLevelMillis));
            if (cached != null && cached.version().equals(hour.getValue())) {
                totals = totals.plus(cached.totals());
            } else {
                toRead.add(hour.getKey());
            }
        }
        if (toRead.isEmpty()) {
            return totals;
        }
        if (cache.size() > MAX_CACHED_HOURS) {
            cache.clear();
        }
        for (Document hour : generation.queueHours().find(Filters.in("_id", toRead))) {
            HourTotals hourTotals = HourTotals.of(hour.get("c", Document.class), from, now, serviceLevelMillis);
            totals = totals.plus(hourTotals);
            long start = hour.getLong("h");
            if (hour.get("v") != null && start >= from && start + HOUR_MILLIS <= now) {
                cache.put(cacheKey(generation, hour.getString("_id"), serviceLevelMillis),
                        new Cached(hour.get("v"), hourTotals));
            }
        }
        return totals;
    }

    private static String cacheKey(Generation generation, String hour, long serviceLevelMillis) {
        return generation.number() + "|" + hour + "|" + serviceLevelMillis;
    }

    private record Cached(Object version, HourTotals totals) {
    }

    private static ZoneId zone(Latest config) {
        try {
            return config == null ? ZoneOffset.UTC : ZoneId.of(config.value(0));
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static long longestWaitSeconds(Document queue, Instant now) {
        Document waiting = queue.get("w", Document.class);
        if (waiting == null || waiting.isEmpty()) {
            return 0;
        }
        long since = waiting.values().stream().mapToLong(value -> ((Number) value).longValue()).min().orElseThrow();
        return Math.max(0, now.toEpochMilli() - since) / 1000;
    }

    /** Members (agents with a device still in the queue) counted by their latest availability reason. */
    private static Map<String, Long> agentsByState(Document queue) {
        Set<String> members = new HashSet<>();
        Document devices = queue.get("mb", Document.class);
        if (devices != null) {
            devices.values().forEach(value -> {
                Latest member = Latest.parse((String) value, 2);
                if ("+".equals(member.value(0))) {
                    members.add(member.value(1));
                }
            });
        }
        Map<String, Long> byState = new TreeMap<>();
        Document availability = queue.get("av", Document.class) == null ? new Document() : queue.get("av", Document.class);
        for (String member : members) {
            String latest = availability.getString(Keys.field(member));
            String reason = latest == null ? "UNKNOWN" : Latest.parse(latest, 1).value(0);
            byState.merge(UnavailableReason.NONE.name().equals(reason) ? AVAILABLE : reason, 1L, Long::sum);
        }
        return byState;
    }
}
