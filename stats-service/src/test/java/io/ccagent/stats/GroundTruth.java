package io.ccagent.stats;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.stats.CallDay.Call;
import io.ccagent.stats.CallDay.Kind;
import io.ccagent.stats.agent.AgentViews.DayCount;
import io.ccagent.stats.agent.AgentViews.Graphs;
import io.ccagent.stats.agent.AgentViews.HourCount;
import io.ccagent.stats.agent.AgentViews.OriginCount;
import io.ccagent.stats.agent.AgentViews.RecentCall;
import io.ccagent.stats.agent.AgentViews.Statistics;
import io.ccagent.stats.queue.QueueStatistics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures stats-service should serve, computed straight from the generated calls and changes (no events, no
 * projection code): the independent side of the ground-truth comparison.
 */
final class GroundTruth {

    private final CallDay day;

    GroundTruth(CallDay day) {
        this.day = day;
    }

    /** The calls in an agent's history: queue calls it answered, direct calls to it, calls it placed. */
    List<Call> callsOf(AgentId agent) {
        return day.calls.stream().filter(call -> agent.equals(call.agent())).toList();
    }

    Statistics statistics(CallDay.Agent agent, Instant from, Instant to) {
        List<Call> calls = callsOf(agent.id()).stream()
                .filter(call -> !call.start().isBefore(from) && call.start().isBefore(to)).toList();
        long missed = day.calls.stream().flatMap(call -> call.missed().stream())
                .filter(offer -> offer.agent().equals(agent.id()) && !offer.at().isBefore(from) && offer.at().isBefore(to))
                .count();
        long talk = 0;
        long wrap = 0;
        long talked = 0;
        for (Call call : calls) {
            if (call.answered() != null && call.ended() != null) {
                talked++;
                talk += Duration.between(call.answered(), call.ended()).toMillis() / 1000;
                if (call.wrapStart() != null) {
                    wrap += Duration.between(call.wrapStart(), call.wrapEnd()).toMillis() / 1000;
                }
            }
        }
        Instant end = to.isAfter(day.now) ? day.now : to;
        Map<String, Long> inStatus = new LinkedHashMap<>();
        Map<AgentStatus, Long> millis = statusMillis(agent.id(), from, end);
        for (AgentStatus status : AgentStatus.values()) {
            inStatus.put(status.name(), millis.getOrDefault(status, 0L) / 1000);
        }
        return new Statistics(from, to, agent.zone(),
                calls.stream().filter(call -> call.kind() == Kind.QUEUE).count(), missed,
                calls.stream().filter(call -> call.kind() == Kind.DIRECT).count(),
                calls.stream().filter(call -> call.kind() == Kind.OUTBOUND).count(),
                talk, round(talk, talked), round(talk + wrap, talked), inStatus, loggedInMillis(agent.id(), from, end) / 1000);
    }

    Statistics today(CallDay.Agent agent) {
        ZoneId zone = ZoneId.of(agent.zone());
        LocalDate today = LocalDate.ofInstant(day.now, zone);
        return statistics(agent, today.atStartOfDay(zone).toInstant(), today.plusDays(1).atStartOfDay(zone).toInstant());
    }

    Graphs graphs(CallDay.Agent agent) {
        ZoneId zone = ZoneId.of(agent.zone());
        Map<Instant, Long> perHour = new HashMap<>();
        Map<LocalDate, Long> perDay = new HashMap<>();
        for (Call call : callsOf(agent.id())) {
            ZonedDateTime local = call.start().atZone(zone);
            perHour.merge(local.truncatedTo(ChronoUnit.HOURS).toInstant(), 1L, Long::sum);
            perDay.merge(local.toLocalDate(), 1L, Long::sum);
        }
        ZonedDateTime now = day.now.atZone(zone);
        List<HourCount> hourly = new ArrayList<>();
        for (int back = 23; back >= 0; back--) {
            Instant start = now.truncatedTo(ChronoUnit.HOURS).toInstant().minus(back, ChronoUnit.HOURS);
            hourly.add(new HourCount(start, DateTimeFormatter.ofPattern("HH:mm").format(start.atZone(zone)),
                    perHour.getOrDefault(start, 0L)));
        }
        List<DayCount> daily = new ArrayList<>();
        LocalDate today = now.toLocalDate();
        for (int back = 9; back >= 0; back--) {
            LocalDate date = today.minusDays(back);
            daily.add(new DayCount(date, DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH).format(date),
                    perDay.getOrDefault(date, 0L)));
        }
        Map<String, Long> byQueue = new TreeMap<>();
        long external = 0;
        long internal = 0;
        for (Call call : callsOf(agent.id())) {
            LocalDate date = call.start().atZone(zone).toLocalDate();
            if (date.isBefore(today.minusDays(9)) || date.isAfter(today) || call.kind() == Kind.OUTBOUND) {
                continue;
            }
            if (call.kind() == Kind.QUEUE) {
                byQueue.merge(call.queue().toString(), 1L, Long::sum);
            } else if (call.origin() == io.ccagent.contracts.call.CallOrigin.INTERNAL) {
                internal++;
            } else {
                external++;
            }
        }
        List<OriginCount> origins = new ArrayList<>();
        byQueue.forEach((queue, count) -> origins.add(new OriginCount("QUEUE", queue, queueNamed(queue).name(), count)));
        if (external > 0) {
            origins.add(new OriginCount("DIRECT_EXTERNAL", null, "Direct external", external));
        }
        if (internal > 0) {
            origins.add(new OriginCount("INTERNAL", null, "Internal extension", internal));
        }
        return new Graphs(agent.zone(), hourly, daily, origins);
    }

    List<RecentCall> recentCalls(AgentId agent, int limit) {
        return callsOf(agent).stream()
                .sorted(Comparator.comparing(Call::start).reversed().thenComparing(Call::id))
                .limit(limit)
                .map(call -> new RecentCall(call.id(), call.start(),
                        call.kind() == Kind.OUTBOUND ? "OUTBOUND" : "INBOUND", call.number(), call.name(),
                        call.answered() != null && call.ended() != null
                                ? Duration.between(call.answered(), call.ended()).toMillis() / 1000 : 0,
                        call.queue() == null ? null : call.queue().toString(), outcome(call)))
                .toList();
    }

    List<QueueStatistics> queueStatistics(int serviceLevelSeconds) {
        List<QueueStatistics> result = new ArrayList<>();
        for (CallDay.Queue queue : day.queues) {
            ZoneId zone = ZoneId.of(queue.zone());
            Instant from = LocalDate.ofInstant(day.now, zone).atStartOfDay(zone).toInstant();
            long offered = 0;
            long answered = 0;
            long abandoned = 0;
            long within = 0;
            long judged = 0;
            long waitMillis = 0;
            long talk = 0;
            long talked = 0;
            Instant longestWaiting = null;
            for (Call call : day.calls) {
                if (!queue.id().equals(call.queue())) {
                    continue;
                }
                if (call.answered() == null && call.abandoned() == null && call.ended() == null
                        && (longestWaiting == null || call.start().isBefore(longestWaiting))) {
                    longestWaiting = call.start();
                }
                if (call.start().isBefore(from) || call.start().isAfter(day.now)) {
                    continue;
                }
                offered++;
                boolean waitingWithinServiceLevel = call.answered() == null && call.abandoned() == null
                        && call.ended() == null
                        && Duration.between(call.start(), day.now).toMillis() <= serviceLevelSeconds * 1000L;
                if (!waitingWithinServiceLevel) {
                    judged++;
                }
                if (call.abandoned() != null) {
                    abandoned++;
                }
                if (call.answered() != null) {
                    answered++;
                    long wait = Duration.between(call.start(), call.answered()).toMillis();
                    waitMillis += wait;
                    if (wait <= serviceLevelSeconds * 1000L) {
                        within++;
                    }
                    if (call.ended() != null) {
                        talked++;
                        talk += Duration.between(call.answered(), call.ended()).toMillis() / 1000;
                    }
                }
            }
            result.add(new QueueStatistics(queue.id().toString(), queue.name(), queue.zone(), from, offered, answered,
                    abandoned, judged == 0 ? 100.0 : Math.round(within * 1000.0 / judged) / 10.0,
                    answered == 0 ? 0 : Math.round(waitMillis / 100.0 / answered) / 10.0,
                    round(talk, talked),
                    longestWaiting == null ? 0 : Duration.between(longestWaiting, day.now).toMillis() / 1000,
                    agentsByState(queue)));
        }
        result.sort(Comparator.comparing(QueueStatistics::queue));
        return result;
    }

    private Map<String, Long> agentsByState(CallDay.Queue queue) {
        Map<String, Long> byState = new TreeMap<>();
        for (AgentId member : queue.members()) {
            String state = day.availability.stream()
                    .filter(change -> change.queue().equals(queue.id()) && change.agent().equals(member))
                    .max(Comparator.comparing(CallDay.Availability::at))
                    .map(change -> change.reason() == UnavailableReason.NONE ? "AVAILABLE" : change.reason().name())
                    .orElse("UNKNOWN");
            byState.merge(state, 1L, Long::sum);
        }
        return byState;
    }

    private static String outcome(Call call) {
        if (call.answered() != null) {
            return call.ended() != null ? "ANSWERED" : "IN_PROGRESS";
        }
        if (call.ended() == null && call.abandoned() == null) {
            return "IN_PROGRESS";
        }
        return call.kind() == Kind.OUTBOUND ? "NO_ANSWER" : "MISSED";
    }

    private Map<AgentStatus, Long> statusMillis(AgentId agent, Instant from, Instant end) {
        Map<AgentStatus, Long> millis = new HashMap<>();
        AgentStatus status = AgentStatus.OFFLINE;
        Instant since = Instant.MIN;
        List<CallDay.StatusChange> changes = day.statusChanges.stream().filter(change -> change.agent().equals(agent))
                .sorted(Comparator.comparing(CallDay.StatusChange::at)).toList();
        for (CallDay.StatusChange change : changes) {
            addOverlap(millis, status, since, change.at(), from, end);
            status = change.to();
            since = change.at();
        }
        addOverlap(millis, status, since, Instant.MAX, from, end);
        return millis;
    }

    private static void addOverlap(Map<AgentStatus, Long> millis, AgentStatus status, Instant start, Instant stop,
                                   Instant from, Instant end) {
        Instant a = start.isAfter(from) ? start : from;
        Instant b = stop.isBefore(end) ? stop : end;
        if (b.isAfter(a)) {
            millis.merge(status, Duration.between(a, b).toMillis(), Long::sum);
        }
    }

    /** Time logged into at least one queue while the status is not Offline, clipped to [from, end). */
    private long loggedInMillis(AgentId agent, Instant from, Instant end) {
        record Step(Instant at, AgentStatus status, QueueId queue, boolean loggedIn) {
        }
        List<Step> steps = new ArrayList<>();
        day.statusChanges.stream().filter(change -> change.agent().equals(agent))
                .forEach(change -> steps.add(new Step(change.at(), change.to(), null, false)));
        day.loginChanges.stream().filter(change -> change.agent().equals(agent))
                .forEach(change -> steps.add(new Step(change.at(), null, change.queue(), change.loggedIn())));
        steps.sort(Comparator.comparing(Step::at));
        AgentStatus status = AgentStatus.OFFLINE;
        java.util.Set<QueueId> loggedIn = new java.util.HashSet<>();
        Instant since = Instant.MIN;
        Map<AgentStatus, Long> counted = new HashMap<>();
        for (Step step : steps) {
            if (status != AgentStatus.OFFLINE && !loggedIn.isEmpty()) {
                addOverlap(counted, status, since, step.at(), from, end);
            }
            if (step.queue() == null) {
                status = step.status();
            } else if (step.loggedIn()) {
                loggedIn.add(step.queue());
            } else {
                loggedIn.remove(step.queue());
            }
            since = step.at();
        }
        if (status != AgentStatus.OFFLINE && !loggedIn.isEmpty()) {
            addOverlap(counted, status, since, Instant.MAX, from, end);
        }
        return counted.values().stream().mapToLong(Long::longValue).sum();
    }

    private CallDay.Queue queueNamed(String id) {
        return day.queues.stream().filter(queue -> queue.id().toString().equals(id)).findFirst().orElseThrow();
    }

    private static double round(long total, long count) {
        return count == 0 ? 0 : Math.round(total * 10.0 / count) / 10.0;
    }
}
