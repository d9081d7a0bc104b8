package io.ccagent.stats.web;

import io.ccagent.badinput.http.BadRequest;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.stats.StatsProperties;
import io.ccagent.stats.agent.AgentQueries;
import io.ccagent.stats.agent.AgentViews.Graphs;
import io.ccagent.stats.agent.AgentViews.RecentCall;
import io.ccagent.stats.agent.AgentViews.Statistics;
import io.ccagent.stats.queue.QueueQueries;
import io.ccagent.stats.queue.QueueStatistics;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The query API of docs/service-apis.md (stats-service section). */
@RestController
class StatsController {

    private static final int MAX_RECENT = 50;
    private static final int MAX_SERVICE_LEVEL_SECONDS = 3600;

    private final AgentQueries agents;
    private final QueueQueries queues;
    private final StatsProperties properties;

    StatsController(AgentQueries agents, QueueQueries queues, StatsProperties properties) {
        this.agents = agents;
        this.queues = queues;
        this.properties = properties;
    }

    @GetMapping("/tenants/{tenant}/agents/{ext}/graphs")
    Graphs graphs(@PathVariable String tenant, @PathVariable String ext) {
        return agents.graphs(agent(tenant, ext));
    }

    @GetMapping("/tenants/{tenant}/agents/{ext}/statistics")
    Statistics statistics(@PathVariable String tenant, @PathVariable String ext,
                          @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        AgentId agent = agent(tenant, ext);
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if ((start == null) != (end == null)) {
            throw new BadRequest("give both from and to, or neither for today");
        }
        if (start != null) {
            if (!start.isBefore(end)) {
                throw new BadRequest("from must be before to");
            }
            if (Duration.between(start, end).toDays() > properties.aggregateRetentionDays()) {
                throw new BadRequest("the period may span at most " + properties.aggregateRetentionDays()
                        + " days (the aggregate retention)");
            }
        }
        return agents.statistics(agent, start, end);
    }

    @GetMapping("/tenants/{tenant}/agents/{ext}/recent-calls")
    List<RecentCall> recentCalls(@PathVariable String tenant, @PathVariable String ext,
                                 @RequestParam(defaultValue = "50") String limit) {
        AgentId agent = agent(tenant, ext);
        int count = number("limit", limit);
        if (count < 1 || count > MAX_RECENT) {
            throw new BadRequest("limit must be between 1 and " + MAX_RECENT);
        }
        return agents.recentCalls(agent, count);
    }

    @GetMapping("/tenants/{tenant}/queues/statistics")
    List<QueueStatistics> queueStatistics(@PathVariable String tenant,
                                          @RequestParam(defaultValue = "20") String serviceLevelSeconds) {
        Tenant parsed = tenant(tenant);
        int seconds = number("serviceLevelSeconds", serviceLevelSeconds);
        if (seconds < 1 || seconds > MAX_SERVICE_LEVEL_SECONDS) {
            throw new BadRequest("serviceLevelSeconds must be between 1 and " + MAX_SERVICE_LEVEL_SECONDS);
        }
        return queues.statistics(parsed, seconds);
    }

    private static AgentId agent(String tenant, String ext) {
        try {
            return AgentId.of(ext, tenant(tenant));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static Tenant tenant(String tenant) {
        try {
            return Tenant.of(tenant);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be an ISO-8601 instant such as 2026-11-26T00:00:00Z, got '" + value + "'");
        }
    }
}
