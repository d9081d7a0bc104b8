package io.ccagent.stats.queue;

import com.mongodb.client.FindIterable;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.stats.store.Generation;
import io.ccagent.stats.store.Keys;
import io.ccagent.stats.store.Latest;
import io.ccagent.stats.store.Rows.Queue;
import io.ccagent.stats.store.Rows.QueueHour;
import io.ccagent.stats.store.Rows.TenantQueues;
import io.ccagent.stats.store.Rows.Waiting;
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
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queue statistics for a wallboard: today's calls from the queue's hour rows, plus its live state (callers waiting,
 * members by their latest availability).
 */
@Service
public class QueueQueries {

    private static final String AVAILABLE = "AVAILABLE";
    private static final long HOUR_MILLIS = 3_600_000;
    /** Bounds memory: about 24 hours x a few thresholds x thousands of queues. */
    private static final int MAX_CACHED_HOURS = 200_000;

    /** Bounds memory: one entry per queue (and generation). */
    private static final int MAX_CACHED_QUEUES = 100_000;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, CachedAgents> agentsCache = new ConcurrentHashMap<>();

    private final StatsStore store;
    private final Clock clock;

    public QueueQueries(StatsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Every queue of the tenant in a fixed number of reads by {@code _id}, however many queues and members: the
     * tenant's row, its queue rows (configuration and version first, then members and availability of the rows whose
     * counts are not cached), their waiting rows, and today's hours of all of them (versions first, then only the
     * hours not cached).
     */
    public List<QueueStatistics> statistics(Tenant tenant, int serviceLevelSeconds) {
        Instant now = clock.instant();
        long serviceLevelMillis = serviceLevelSeconds * 1000L;
        Generation generation = store.current();
        Document listed = generation.tenantQueues().find(Filters.eq("_id", tenant.domain())).first();
        Document listedQueues = listed == null ? null : listed.get(TenantQueues.QUEUES, Document.class);
        List<String> ids = listedQueues == null ? List.of()
                : listedQueues.keySet().stream().map(Keys::unfield).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Document> queues = byId(generation.queues().find(Filters.in("_id", ids))
                .projection(Projections.include(Queue.CONFIG, Queue.VERSION)));
        Map<String, Map<String, Long>> agents = agentsByState(generation, queues.values(), now);
        Map<String, Document> waiting = byId(generation.queueWaiting().find(Filters.in("_id", ids)));
        Map<String, Today> hours = new HashMap<>();
        Map<String, Today> todays = new HashMap<>();
        for (Document queue : queues.values()) {
            Today today = today(queue, now);
            todays.put(today.queue(), today);
            for (Instant hour = Instant.ofEpochMilli(today.from()).truncatedTo(ChronoUnit.HOURS); !hour.isAfter(now);
                 hour = hour.plus(1, ChronoUnit.HOURS)) {
                for (String row : Keys.queueHourRows(today.queue(), hour.toEpochMilli())) {
                    hours.put(row, today);
                }
            }
        }
        Map<String, HourTotals> totals = totals(generation, hours, now.toEpochMilli(), serviceLevelMillis);
        List<QueueStatistics> result = new ArrayList<>();
        for (Document queue : queues.values()) {
            Today today = todays.get(queue.getString("_id"));
            result.add(statistics(today, totals.getOrDefault(today.queue(), HourTotals.NONE),
                    waiting.get(today.queue()), agents.get(today.queue()), now));
        }
        result.sort(Comparator.comparing(QueueStatistics::queue));
        return result;
    }

    private static Map<String, Document> byId(FindIterable<Document> found) {
        Map<String, Document> rows = new HashMap<>();
        found.forEach(row -> rows.put(row.getString("_id"), row));
        return rows;
    }

    /**
     * Each queue's members counted by their latest availability there: cached by the row's version (and no longer
     * than until the next wrap-up in it ends), so only rows written since the last read are read whole (their members
     * and availability).
     */
    private Map<String, Map<String, Long>> agentsByState(Generation generation, Collection<Document> queues,
                                                         Instant now) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        List<String> toRead = new ArrayList<>();
        for (Document queue : queues) {
            CachedAgents cached = agentsCache.get(agentsKey(generation, queue));
            if (cached != null && cached.version().equals(queue.get(Queue.VERSION))
                    && now.toEpochMilli() < cached.changesAt()) {
                counts.put(queue.getString("_id"), cached.byState());
            } else {
                toRead.add(queue.getString("_id"));
            }
        }
        if (toRead.isEmpty()) {
            return counts;
        }
        if (agentsCache.size() > MAX_CACHED_QUEUES) {
            agentsCache.clear();
        }
        generation.queues().find(Filters.in("_id", toRead))
                .projection(Projections.include(Queue.MEMBERS, Queue.AVAILABILITY, Queue.VERSION))
                .forEach(queue -> {
                    AgentsByState agents = agentsByState(members(queue), queue.get(Queue.AVAILABILITY, Document.class),
                            now.toEpochMilli());
                    counts.put(queue.getString("_id"), agents.byState());
                    if (queue.get(Queue.VERSION) != null) {
                        agentsCache.put(agentsKey(generation, queue),
                                new CachedAgents(queue.get(Queue.VERSION), agents.byState(), agents.changesAt()));
                    }
                });
        return counts;
    }

    private static String agentsKey(Generation generation, Document queue) {
        return generation.number() + "|" + queue.getString("_id");
    }

    private record CachedAgents(Object version, Map<String, Long> byState, long changesAt) {
    }

    /** Members by state at one instant, and when that changes by itself next (the first wrap-up to end). */
    private record AgentsByState(Map<String, Long> byState, long changesAt) {
    }

    /** A queue's name and zone, and where its today (in that zone) began. */
    private record Today(String queue, String name, ZoneId zone, long from) {
    }

    private static Today today(Document queue, Instant now) {
        String id = queue.getString("_id");
        Latest config = queue.getString(Queue.CONFIG) == null ? null : Latest.parse(queue.getString(Queue.CONFIG), 2);
        ZoneId zone = zone(config);
        String name = config == null ? id.substring(0, id.indexOf('@')) : config.value(1);
        return new Today(id, name, zone, now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli());
    }

    private static QueueStatistics statistics(Today today, HourTotals totals, Document waiting,
                                              Map<String, Long> agentsByState, Instant now) {
        return new QueueStatistics(today.queue(), today.name(), today.zone().getId(), Instant.ofEpochMilli(today.from()),
                totals.offered(), totals.answered(), totals.abandoned(),
                totals.judged() == 0 ? 100.0 : Math.round(totals.withinServiceLevel() * 1000.0 / totals.judged()) / 10.0,
                totals.answered() == 0 ? 0 : Math.round(totals.waitMillis() / 100.0 / totals.answered()) / 10.0,
                totals.talked() == 0 ? 0 : Math.round(totals.talkSeconds() * 10.0 / totals.talked()) / 10.0,
                longestWaitSeconds(waiting, now), agentsByState);
    }

    /**
     * Sums each queue's hours in [its today's start, now]. Hours wholly inside the window are cached by their version
     * token and re-read only when a write (live, late or replayed) gave them a new one.
     */
    private Map<String, HourTotals> totals(Generation generation, Map<String, Today> hours, long now,
                                           long serviceLevelMillis) {
        Map<String, HourTotals> totals = new HashMap<>();
        if (hours.isEmpty()) {
            return totals;
        }
        Map<String, Object> versions = new HashMap<>();
        generation.queueHours().find(Filters.in("_id", hours.keySet()))
                .projection(Projections.include(QueueHour.VERSION))
                .forEach(hour -> versions.put(hour.getString("_id"), hour.get(QueueHour.VERSION)));
        List<String> toRead = new ArrayList<>();
        for (Map.Entry<String, Object> hour : versions.entrySet()) {
            Cached cached = cache.get(cacheKey(generation, hour.getKey(), serviceLevelMillis));
            if (cached != null && cached.version().equals(hour.getValue())) {
                totals.merge(hours.get(hour.getKey()).queue(), cached.totals(), HourTotals::plus);
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
            Today today = hours.get(hour.getString("_id"));
            HourTotals hourTotals = HourTotals.of(hour.get(QueueHour.CALLS, Document.class), today.from(), now,
                    serviceLevelMillis);
            totals.merge(today.queue(), hourTotals, HourTotals::plus);
            long start = hour.getLong(QueueHour.HOUR);
            // cached only once no caller of the hour can still be within the service-level time
            if (hour.get(QueueHour.VERSION) != null && start >= today.from()
                    && start + HOUR_MILLIS + serviceLevelMillis <= now) {
                cache.put(cacheKey(generation, hour.getString("_id"), serviceLevelMillis),
                        new Cached(hour.get(QueueHour.VERSION), hourTotals));
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

    private static long longestWaitSeconds(Document waitingRow, Instant now) {
        Document waiting = waitingRow == null ? null : waitingRow.get(Waiting.CALLERS, Document.class);
        if (waiting == null || waiting.isEmpty()) {
            return 0;
        }
        long since = waiting.values().stream().mapToLong(value -> ((Number) value).longValue()).min().orElseThrow();
        return Math.max(0, now.toEpochMilli() - since) / 1000;
    }

    /** The agents with a device still in the queue. */
    private static Set<String> members(Document queue) {
        Set<String> members = new HashSet<>();
        Document devices = queue.get(Queue.MEMBERS, Document.class);
        if (devices != null) {
            devices.values().forEach(value -> {
                Latest member = Latest.parse((String) value, 2);
                if ("+".equals(member.value(0))) {
                    members.add(member.value(1));
                }
            });
        }
        return members;
    }

    /**
     * Members counted by their latest availability reason in this queue at {@code now}: a wrap-up that has run out
     * counts as the reason written to follow it.
     */
    private static AgentsByState agentsByState(Set<String> members, Document availability, long now) {
        Map<String, Long> byState = new TreeMap<>();
        long changesAt = Long.MAX_VALUE;
        for (String member : members) {
            String latest = availability == null ? null : availability.getString(Keys.field(member));
            String reason = "UNKNOWN";
            if (latest != null) {
                Latest value = Latest.parse(latest, 3);
                reason = value.value(0);
                if (!value.value(1).isEmpty()) {
                    long until = Long.parseLong(value.value(1));
                    if (now >= until) {
                        reason = value.value(2);
                    } else {
                        changesAt = Math.min(changesAt, until);
                    }
                }
            }
            byState.merge(UnavailableReason.NONE.name().equals(reason) ? AVAILABLE : reason, 1L, Long::sum);
        }
        return new AgentsByState(Collections.unmodifiableMap(byState), changesAt);
    }
}
