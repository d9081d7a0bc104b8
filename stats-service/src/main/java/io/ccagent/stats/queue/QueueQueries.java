package io.ccagent.stats.queue;

import com.mongodb.client.model.Filters;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.UnavailableReason;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Queue statistics for a wallboard: today's calls from the queue's hour documents plus its live state. */
@Service
public class QueueQueries {

    private static final String AVAILABLE = "AVAILABLE";

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
        long offered = 0;
        long answered = 0;
        long abandoned = 0;
        long withinServiceLevel = 0;
        long waitMillis = 0;
        long talkSeconds = 0;
        long talked = 0;
        for (Document hour : store.current().queueHours().find(Filters.in("_id", hours))) {
            Document calls = hour.get("c", Document.class);
            if (calls == null) {
                continue;
            }
            for (Object value : calls.values()) {
                Document call = (Document) value;
                long time = call.getLong("t");
                if (time < from.toEpochMilli() || time > now.toEpochMilli()) {
                    continue;
                }
                offered++;
                if (Boolean.TRUE.equals(call.getBoolean("ab"))) {
                    abandoned++;
                }
                if (Boolean.TRUE.equals(call.getBoolean("a"))) {
                    answered++;
                    long wait = call.getLong("w");
                    waitMillis += wait;
                    if (wait <= serviceLevelMillis) {
                        withinServiceLevel++;
                    }
                }
                if (call.getLong("tk") != null) {
                    talkSeconds += call.getLong("tk");
                    talked++;
                }
            }
        }
        return new QueueStatistics(id, name, zone.getId(), from, offered, answered, abandoned,
                offered == 0 ? 100.0 : Math.round(withinServiceLevel * 1000.0 / offered) / 10.0,
                answered == 0 ? 0 : Math.round(waitMillis / 100.0 / answered) / 10.0,
                talked == 0 ? 0 : Math.round(talkSeconds * 10.0 / talked) / 10.0,
                longestWaitSeconds(queue, now),
                agentsByState(queue));
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
