package io.ccagent.stats.agent;

import io.ccagent.contracts.agent.AgentStatus;

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

    /** Milliseconds within [from, end) logged into at least one queue; {@code changes} sorted chronologically. */
    static long millisLoggedIn(Map<String, Boolean> atStart, List<Change> changes, long from, long end) {
        Map<String, Boolean> loggedIn = new HashMap<>(atStart);
        long total = 0;
        long since = from;
        for (Change change : changes) {
            if (change.time() <= from || change.time() >= end) {
                continue;
            }
            if (loggedIn.containsValue(true)) {
                total += change.time() - since;
            }
            loggedIn.put(change.subject(), Boolean.parseBoolean(change.value()));
            since = change.time();
        }
        if (end > since && loggedIn.containsValue(true)) {
            total += end - since;
        }
        return total;
    }
}
