package io.ccagent.stats.agent;

import com.mongodb.client.model.Filters;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.stats.StatsProperties;
import io.ccagent.stats.agent.AgentViews.DayCount;
import io.ccagent.stats.agent.AgentViews.Graphs;
import io.ccagent.stats.agent.AgentViews.HourCount;
import io.ccagent.stats.agent.AgentViews.OriginCount;
import io.ccagent.stats.agent.AgentViews.RecentCall;
import io.ccagent.stats.agent.AgentViews.Statistics;
import io.ccagent.stats.ingest.AgentProjection;
import io.ccagent.stats.store.Latest;
import io.ccagent.stats.store.Rows.Agent;
import io.ccagent.stats.store.Rows.AgentHour;
import io.ccagent.stats.store.Rows.Missed;
import io.ccagent.stats.store.Rows.Queue;
import io.ccagent.stats.store.Rows.WrapUp;
import io.ccagent.stats.store.StatsStore;
import org.bson.Document;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * My Graphs, My Statistics and recent calls of one agent. A call counts where it began (arrival or placement), in
 * the agent's time zone; hours step in absolute time and days run from local midnight to local midnight, so DST
 * days have 23 or 25 hours and no hour is lost or doubled.
 */
@Service
public class AgentQueries {

    static final int HOURS = 24;
    static final int DAYS = 10;
    private static final DateTimeFormatter HOUR_LABEL = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final Map<String, String> ORIGIN_LABELS = Map.of(
            "DIRECT_EXTERNAL", "Direct external", "INTERNAL", "Internal extension");

    private final AgentHours hours;
    private final StatsStore store;
    private final Clock clock;

    public AgentQueries(StatsStore store, StatsProperties properties, Clock clock) {
        this.hours = new AgentHours(store, properties, clock);
        this.store = store;
        this.clock = clock;
    }

    public Graphs graphs(AgentId agent) {
        String id = agent.toString();
        ZoneId zone = hours.zone(id);
        ZonedDateTime now = clock.instant().atZone(zone);
        Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).toInstant().minus(HOURS - 1, ChronoUnit.HOURS);
        LocalDate today = now.toLocalDate();
        Instant firstDay = today.minusDays(DAYS - 1).atStartOfDay(zone).toInstant();
        Instant end = today.plusDays(1).atStartOfDay(zone).toInstant();
        Instant start = firstHour.isBefore(firstDay) ? firstHour : firstDay;
        List<CallRow> calls = AgentHours.calls(hours.covering(id, start, end, AgentHour.CALLS));

        List<HourCount> hourly = new ArrayList<>(HOURS);
        for (int hour = 0; hour < HOURS; hour++) {
            Instant from = firstHour.plus(hour, ChronoUnit.HOURS);
            hourly.add(new HourCount(from, HOUR_LABEL.format(from.atZone(zone)),
                    count(calls, from, from.plus(1, ChronoUnit.HOURS))));
        }
        List<DayCount> daily = new ArrayList<>(DAYS);
        for (LocalDate day = today.minusDays(DAYS - 1); !day.isAfter(today); day = day.plusDays(1)) {
            daily.add(new DayCount(day, DAY_LABEL.format(day),
                    count(calls, day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant())));
        }
        return new Graphs(zone.getId(), hourly, daily, origins(calls, firstDay, end));
    }

    public Statistics statistics(AgentId agent, Instant requestedFrom, Instant requestedTo) {
        String id = agent.toString();
        ZoneId zone = hours.zone(id);
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant from = requestedFrom != null ? requestedFrom : today.atStartOfDay(zone).toInstant();
        Instant to = requestedTo != null ? requestedTo : today.plusDays(1).atStartOfDay(zone).toInstant();
        Instant end = to.isAfter(now) ? now : to;
        long fromMillis = from.toEpochMilli();
        long toMillis = to.toEpochMilli();

        List<Document> window = hours.covering(id, from, to,
                AgentHour.HOUR, AgentHour.CALLS, AgentHour.MISSED, AgentHour.STATUS, AgentHour.LOGINS);
        List<CallRow> calls = AgentHours.calls(window).stream().filter(call -> call.within(fromMillis, toMillis)).toList();
        long offersMissed = AgentHours.entries(window, AgentHour.MISSED).stream()
                .filter(missed -> {
                    long time = missed.getValue().getLong(Missed.TIME);
                    return time >= fromMillis && time < toMillis;
                }).count();

        List<CallRow> talked = calls.stream().filter(call -> call.answered() && call.talkSeconds() != null).toList();
        long talkSeconds = talked.stream().mapToLong(CallRow::talkSeconds).sum();
        long wrapUpSeconds = wrapUpSeconds(id, talked);

        Map<String, Long> secondsInStatus = new LinkedHashMap<>();
        long loggedInSeconds = 0;
        // before its first event the agent did not exist: that time is in no status, Offline included
        Long existed = hours.latest(id).getLong(Agent.SINCE);
        long counted = existed == null ? fromMillis : Math.max(fromMillis, existed);
        if (end.toEpochMilli() > counted) {
            PeriodStart.State start = PeriodStart.resolve(hours, id, window, counted);
            List<Change> statusChanges = PeriodStart.statusChanges(window);
            Map<AgentStatus, Long> millis = Timeline.millisInStatus(start.status(), statusChanges,
                    counted, end.toEpochMilli());
            for (AgentStatus status : AgentStatus.values()) {
                secondsInStatus.put(status.name(), millis.getOrDefault(status, 0L) / 1000);
            }
            loggedInSeconds = Timeline.millisLoggedIn(start.status(), statusChanges, start.loggedIn(),
                    PeriodStart.loginChanges(window), counted, end.toEpochMilli()) / 1000;
        } else {
            for (AgentStatus status : AgentStatus.values()) {
                secondsInStatus.put(status.name(), 0L);
            }
        }
        return new Statistics(from, to, zone.getId(),
                calls.stream().filter(call -> "QUEUE".equals(call.origin()) && call.answered()).count(),
                offersMissed,
                calls.stream().filter(call -> call.inbound() && !"QUEUE".equals(call.origin())).count(),
                calls.stream().filter(call -> !call.inbound()).count(),
                talkSeconds,
                average(talkSeconds, talked.size()),
                average(talkSeconds + wrapUpSeconds, talked.size()),
                secondsInStatus, loggedInSeconds);
    }

    public List<RecentCall> recentCalls(AgentId agent, int limit) {
        String id = agent.toString();
        Instant nextHour = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        List<Document> read = hours.scanBack(id, nextHour, rows -> AgentHours.calls(rows).size() >= limit,
                AgentHour.CALLS);
        return AgentHours.calls(read).stream()
                .sorted(CallRow.NEWEST_FIRST)
                .limit(limit)
                .map(call -> new RecentCall(call.call(), Instant.ofEpochMilli(call.time()), call.direction(),
                        call.number(), call.name(), call.talkSeconds() == null ? 0 : call.talkSeconds(), call.queue(),
                        call.outcome()))
                .toList();
    }

    /** Rounded to a tenth, the precision the portal shows. */
    static double average(long total, long count) {
        return count == 0 ? 0 : Math.round(total * 10.0 / count) / 10.0;
    }

    private static long count(List<CallRow> calls, Instant from, Instant to) {
        long fromMillis = from.toEpochMilli();
        long toMillis = to.toEpochMilli();
        return calls.stream().filter(call -> call.within(fromMillis, toMillis)).count();
    }

    private List<OriginCount> origins(List<CallRow> calls, Instant from, Instant to) {
        Map<String, Long> byQueue = new TreeMap<>();
        Map<String, Long> byOrigin = new TreeMap<>();
        calls.stream()
                .filter(call -> call.inbound() && call.within(from.toEpochMilli(), to.toEpochMilli()))
                .forEach(call -> {
                    if ("QUEUE".equals(call.origin())) {
                        byQueue.merge(call.queue(), 1L, Long::sum);
                    } else {
                        byOrigin.merge(call.origin(), 1L, Long::sum);
                    }
                });
        Map<String, String> names = queueNames(byQueue.keySet());
        List<OriginCount> origins = new ArrayList<>();
        byQueue.forEach((queue, count) -> origins.add(new OriginCount("QUEUE", queue, names.get(queue), count)));
        byOrigin.forEach((origin, count) -> origins.add(new OriginCount(origin, null, ORIGIN_LABELS.get(origin), count)));
        return origins;
    }

    private Map<String, String> queueNames(Set<String> queues) {
        Map<String, String> names = new HashMap<>();
        queues.forEach(queue -> names.put(queue, queue.substring(0, queue.indexOf('@'))));
        if (!queues.isEmpty()) {
            store.current().queues().find(Filters.in("_id", queues)).forEach(doc -> {
                if (doc.getString(Queue.CONFIG) != null) {
                    names.put(doc.getString("_id"), Latest.parse(doc.getString(Queue.CONFIG), 2).value(1));
                }
            });
        }
        return names;
    }

    private long wrapUpSeconds(String agent, List<CallRow> calls) {
        if (calls.isEmpty()) {
            return 0;
        }
        List<String> ids = calls.stream().map(call -> AgentProjection.wrapUpId(agent, call.call())).toList();
        long total = 0;
        for (Document wrapUp : store.current().wrapUps().find(Filters.in("_id", ids))) {
            Long started = wrapUp.getLong(WrapUp.START);
            Long ended = wrapUp.getLong(WrapUp.END);
            if (started != null && ended != null && ended >= started) {
                total += (ended - started) / 1000;
            }
        }
        return total;
    }
}
