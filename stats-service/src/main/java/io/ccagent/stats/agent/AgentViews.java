package io.ccagent.stats.agent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the agent endpoints (see docs/service-apis.md). */
public final class AgentViews {

    private AgentViews() {
    }

    public record Graphs(String timeZone, List<HourCount> hourly, List<DayCount> daily, List<OriginCount> origins) {
    }

    public record HourCount(Instant start, String label, long calls) {
    }

    public record DayCount(LocalDate date, String label, long calls) {
    }

    /** {@code queue} is set for origin QUEUE, whose label is the queue's name. */
    public record OriginCount(String origin, String queue, String label, long calls) {
    }

    public record Statistics(Instant from, Instant to, String timeZone, long queueCallsAnswered, long offersMissed,
                             long directInbound, long outbound, long totalTalkSeconds, double averageTalkSeconds,
                             double averageHandleSeconds, Map<String, Long> secondsInStatus, long loggedInSeconds) {
    }

    public record RecentCall(String call, Instant time, String direction, String number, String name,
                             long durationSeconds, String queue, String outcome) {
    }
}
