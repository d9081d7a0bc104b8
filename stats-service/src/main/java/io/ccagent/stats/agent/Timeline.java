package io.ccagent.stats.agent;

import io.ccagent.contracts.agent.AgentStatus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a state at the start of a window plus the changes inside it into time spent per state. */
final class Timeline {

    private Timeline() {
    }

    /** Milliseconds in each status within [from, end); {@code changes} sorted chronologically. */
    static Map<AgentStatus, Long> millisInStatus(AgentStatus atStart, List<Change> changes, long from, long end) {
        Map<AgentStatus, Long> millis = new EnumMap<>(AgentStatus.class);
        AgentStatus current = atStart;
        long since = from;
        for (Change change : changes) {
            if (change.time() <= from || change.time() >= end) {
                continue;
            }
            millis.merge(current, change.time() - since, Long::sum);
            current = AgentStatus.valueOf(change.value());
            since = change.time();
        }
        if (end > since) {
            millis.merge(current, end - since, Long::sum);
        }
        return millis;
    }

    /**
     * Milliseconds within [from, end) logged into at least one queue while the status is not Offline: what "Logged
     * in" means to an agent (an Offline agent takes no calls, whatever its queue logins say). Both change lists
     * sorted chronologically.
     */
    static long millisLoggedIn(AgentStatus statusAtStart, List<Change> statusChanges, Map<String, Boolean> atStart,
                               List<Change> loginChanges, long from, long end) {
        List<Change> changes = new ArrayList<>(statusChanges.size() + loginChanges.size());
        changes.addAll(statusChanges);
        changes.addAll(loginChanges);
        changes.sort(Change.CHRONOLOGICAL);
        Map<String, Boolean> loggedIn = new HashMap<>(atStart);
        AgentStatus status = statusAtStart;
        long total = 0;
        long since = from;
        for (Change change : changes) {
            if (change.time() <= from || change.time() >= end) {
                continue;
            }
            if (counts(status, loggedIn)) {
                total += change.time() - since;
            }
            if (change.subject() == null) {
                status = AgentStatus.valueOf(change.value());
            } else {
                loggedIn.put(change.subject(), Boolean.parseBoolean(change.value()));
            }
            since = change.time();
        }
        if (end > since && counts(status, loggedIn)) {
            total += end - since;
        }
        return total;
    }

    private static boolean counts(AgentStatus status, Map<String, Boolean> loggedIn) {
        return status != AgentStatus.OFFLINE && loggedIn.containsValue(true);
    }
}
