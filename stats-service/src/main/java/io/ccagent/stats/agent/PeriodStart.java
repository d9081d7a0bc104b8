package io.ccagent.stats.agent;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.stats.store.Keys;
import io.ccagent.stats.store.Latest;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
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
    static State resolve(AgentDays days, String agent, List<Document> window, long from) {
        Document latest = days.latest(agent);
        Document latestLogins = latest.get("lg", Document.class) == null ? new Document() : latest.get("lg", Document.class);
        Set<String> queues = new HashSet<>();
        latestLogins.keySet().forEach(queue -> queues.add(Keys.unfield(queue)));
        changes(window, "l").forEach(change -> queues.add(change.subject()));

        List<Change> statusChanges = new ArrayList<>(changes(window, "s"));
        List<Change> loginChanges = new ArrayList<>(changes(window, "l"));
        String latestStatus = latest.getString("st");
        boolean statusKnown = lastAtOrBefore(statusChanges, null, from) != null
                || (latestStatus != null && Latest.parse(latestStatus, 1).time() <= from);
        Set<String> unknownQueues = queues.stream()
                .filter(queue -> lastAtOrBefore(loginChanges, queue, from) == null
                        && !latestAtOrBefore(latestLogins.getString(Keys.field(queue)), from))
                .collect(Collectors.toSet());
        if (!statusKnown || !unknownQueues.isEmpty()) {
            LocalDate windowStart = window.stream().map(doc -> LocalDate.parse(doc.getString("_id")
                    .substring(agent.length() + 1))).min(Comparator.naturalOrder())
                    .orElse(LocalDate.ofInstant(Instant.ofEpochMilli(from), ZoneOffset.UTC));
            List<Document> earlier = days.scanBack(agent, windowStart, read ->
                    (statusKnown || !changes(read, "s").isEmpty())
                            && unknownQueues.stream().allMatch(queue -> changes(read, "l").stream()
                            .anyMatch(change -> change.subject().equals(queue))), "_id", "s", "l");
            statusChanges.addAll(changes(earlier, "s"));
            loginChanges.addAll(changes(earlier, "l"));
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

    /** Status ("s") or login ("l") changes of the given days, sorted chronologically. */
    static List<Change> changes(List<Document> days, String field) {
        return AgentDays.entries(days, field).stream()
                .map(entry -> {
                    Document change = entry.getValue();
                    return field.equals("s")
                            ? new Change(change.getLong("t"), entry.getKey(), null, change.getString("f"),
                            change.getString("to"))
                            : new Change(change.getLong("t"), entry.getKey(), change.getString("q"), null,
                            Boolean.toString(change.getBoolean("in")));
                })
                .sorted(Change.CHRONOLOGICAL)
                .toList();
    }
}
