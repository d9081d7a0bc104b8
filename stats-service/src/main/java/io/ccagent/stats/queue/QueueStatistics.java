package io.ccagent.stats.queue;

import java.time.Instant;
import java.util.Map;

/**
 * One queue's figures for today (in the queue's zone) up to now. Service level = calls answered within the
 * threshold / calls offered, leaving out callers still waiting who have not yet waited the threshold (100 when no
 * call counts yet).
 */
public record QueueStatistics(String queue, String name, String timeZone, Instant from, long offered, long answered,
                              long abandoned, double serviceLevelPercent, double averageSpeedOfAnswerSeconds,
                              double averageTalkSeconds, long longestCurrentWaitSeconds,
                              Map<String, Long> agentsByState) {
}
