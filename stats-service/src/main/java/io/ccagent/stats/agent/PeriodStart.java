package io.ccagent.stats.agent;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.stats.store.Keys;
import io.ccagent.stats.store.Latest;
import io.ccagent.stats.store.Rows.Agent;
import io.ccagent.stats.store.Rows.AgentHour;
import io.ccagent.stats.store.Rows.LoginChange;
import io.ccagent.stats.store.Rows.StatusChange;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The status and queue logins an agent was in when a statistics period began. */
final class PeriodStart {

    private PeriodStart() {
    }

    record State(AgentStatus status, Map<String, Boolean> loggedIn) {
    }

    /**
     * The status and queue logins in force at {@code from}: the last change at or before it (from the window, the
     * agent's latest values, or days further back), else inferred from the first change after it.
     */
    static State resolve(AgentHours hours, String agent, List<Document> window, long from) {
        Document latest = hours.latest(agent);
        Document latestLogins = latest.get(Agent.LOGINS, Document.class) == null ? new Document()
                : latest.get(Agent.LOGINS, Document.class);
        Set<String> queues = new HashSet<>();
        latestLogins.keySet().forEach(queue -> queues.add(Keys.unfield(queue)));
        loginChanges(window).forEach(change -> queues.add(change.subject()));

        List<Change> statusChanges = new ArrayList<>(statusChanges(window));
        List<Change> loginChanges = new ArrayList<>(loginChanges(window));
        String latestStatus = latest.getString(Agent.STATUS);
        boolean statusKnown = lastAtOrBefore(statusChanges, null, from) != null
                || (latestStatus != null && Latest.parse(latestStatus, 1).time() <= from);
        Set<String> unknownQueues = queues.stream()
                .filter(queue -> lastAtOrBefore(loginChanges, queue, from) == null
                        && !latestAtOrBefore(latestLogins.getString(Keys.field(queue)), from))
                .collect(Collectors.toSet());
        if (!statusKnown || !unknownQueues.isEmpty()) {
            Instant windowStart = Instant.ofEpochMilli(window.stream().mapToLong(hour -> hour.getLong(AgentHour.HOUR))
                    .min().orElse(from));
            List<Document> earlier = hours.scanBack(agent, windowStart, read ->
                    (statusKnown || !statusChanges(read).isEmpty())
                            && unknownQueues.stream().allMatch(queue -> loginChanges(read).stream()
                            .anyMatch(change -> change.subject().equals(queue))),
                    AgentHour.HOUR, AgentHour.STATUS, AgentHour.LOGINS);
            statusChanges.addAll(statusChanges(earlier));
            loginChanges.addAll(loginChanges(earlier));
            statusChanges.sort(Change.CHRONOLOGICAL);
            loginChanges.sort(Change.CHRONOLOGICAL);
        }

        AgentStatus status = statusAt(statusChanges, latestStatus, from);
        Map<String, Boolean> loggedIn = new HashMap<>();
        for (String queue : queues) {
            loggedIn.put(queue, loggedInAt(loginChanges, latestLogins.getString(Keys.field(queue)), queue, from));
        }
        return new State(status, loggedIn);
    }

    private static AgentStatus statusAt(List<Change> changes, String latest, long from) {
        Change before = lastAtOrBefore(changes, null, from);
        if (before != null) {
            return AgentStatus.valueOf(before.value());
        }
        if (latest != null && Latest.parse(latest, 1).time() <= from) {
            return AgentStatus.valueOf(Latest.parse(latest, 1).value(0));
        }
        return changes.stream().filter(change -> change.time() > from).findFirst()
                .map(change -> AgentStatus.valueOf(change.before())).orElse(AgentStatus.OFFLINE);
    }

    private static boolean loggedInAt(List<Change> changes, String latest, String queue, long from) {
        Change before = lastAtOrBefore(changes, queue, from);
        if (before != null) {
            return Boolean.parseBoolean(before.value());
        }
        if (latestAtOrBefore(latest, from)) {
            return Boolean.parseBoolean(Latest.parse(latest, 1).value(0));
        }
        return changes.stream().filter(change -> change.subject().equals(queue) && change.time() > from).findFirst()
                .map(change -> !Boolean.parseBoolean(change.value())).orElse(false);
    }

    private static boolean latestAtOrBefore(String latest, long from) {
        return latest != null && Latest.parse(latest, 1).time() <= from;
    }

    private static Change lastAtOrBefore(List<Change> changes, String subject, long from) {
        Change last = null;
        for (Change change : changes) {
            if (change.time() <= from && (subject == null || subject.equals(change.subject()))) {
                last = change;
            }
        }
        return last;
    }

    /** Status changes of the given hour rows, sorted chronologically. */
    static List<Change> statusChanges(List<Document> hours) {
        return AgentHours.entries(hours, AgentHour.STATUS).stream()
                .map(entry -> {
                    Document change = entry.getValue();
                    return new Change(change.getLong(StatusChange.TIME), entry.getKey(), null,
                            change.getString(StatusChange.FROM), change.getString(StatusChange.TO));
                })
                .sorted(Change.CHRONOLOGICAL)
                .toList();
    }

    /** Queue-login changes of the given hour rows, sorted chronologically. */
    static List<Change> loginChanges(List<Document> hours) {
        return AgentHours.entries(hours, AgentHour.LOGINS).stream()
                .map(entry -> {
                    Document change = entry.getValue();
                    return new Change(change.getLong(LoginChange.TIME), entry.getKey(),
                            change.getString(LoginChange.QUEUE), null,
                            Boolean.toString(change.getBoolean(LoginChange.LOGGED_IN)));
                })
                .sorted(Change.CHRONOLOGICAL)
                .toList();
    }
}
