package io.ccagent.harness.traffic;

import io.ccagent.harness.system.HarnessSystem;
import io.ccagent.harness.system.Http;
import io.ccagent.local.DemoTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what the system shows with the ground truth: stats-service figures and recent calls per agent, queue
 * statistics, and every agent's final state in agent-service and queue-service. Returns the differences, each
 * phrased so a reader knows what is wrong (lost, double-counted, stuck).
 */
final class Comparison {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int RECENT_LIMIT = 50;
    private static final Set<String> STUCK_REASONS = Set.of("ON_CALL", "WRAP_UP", "RINGING");

    private final DemoTenant demo;
    private final Http stats;
    private final Http agents;
    private final Http queues;
    private final String runId;
    private final Map<String, Long> queueBaseline;

    /** Reads the queue statistics as they are now, so counts from an earlier run on the same day are subtracted. */
    Comparison(HarnessSystem system, String runId) {
        this.demo = system.tenant();
        this.stats = system.service("stats-service");
        this.agents = system.service("agent-service");
        this.queues = system.service("queue-service");
        this.runId = runId;
        this.queueBaseline = queueCounts(new ArrayList<>());
    }

    private Map<String, Long> queueCounts(List<String> differences) {
        Map<String, Long> counts = new HashMap<>();
        JsonNode rows = read(stats, "/tenants/" + demo.domain() + "/queues/statistics", differences);
        if (rows != null) {
            for (JsonNode row : rows) {
                for (String figure : List.of("offered", "answered", "abandoned")) {
                    counts.put(row.path("queue").asString("") + " " + figure, row.path(figure).asLong(0));
                }
            }
        }
        return counts;
    }

    private long sinceStart(JsonNode row, String figure) {
        long now = row.path(figure).asLong(-1);
        return now < 0 ? now : now - queueBaseline.getOrDefault(row.path("queue").asString("") + " " + figure, 0L);
    }

    /** Lines describing each figure compared, and the differences (empty when the system matches the truth). */
    record Result(List<String> compared, List<String> differences, List<String> notes) {
    }

    Result compare(GroundTruth truth, Instant from, Instant to) {
        List<String> compared = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String domain = demo.domain();
        for (DemoTenant.User user : demo.users()) {
            if (!user.isAgent()) {
                continue;
            }
            String agent = user.login(domain);
            JsonNode statistics = read(stats, "/tenants/" + domain + "/agents/" + user.extension() + "/statistics?from="
                    + from + "&to=" + to, differences);
            if (statistics != null) {
                expect(compared, differences, agent + " queue calls answered", statistics.path("queueCallsAnswered").asLong(-1),
                        truth.count(GroundTruth.Outcome.ANSWERED, agent));
                expect(compared, differences, agent + " direct inbound", statistics.path("directInbound").asLong(-1),
                        truth.count(GroundTruth.Outcome.DIRECT_ANSWERED, agent));
                expect(compared, differences, agent + " outbound", statistics.path("outbound").asLong(-1),
                        truth.count(GroundTruth.Outcome.OUTBOUND, agent));
                long missed = statistics.path("offersMissed").asLong(-1);
                if (missed != truth.missedOffers(agent)) {
                    notes.add(agent + " offers missed: system " + missed + ", truth " + truth.missedOffers(agent)
                            + " (truth counts only offers left to time out; BUSY answers are not counted)");
                }
            }
            recentCalls(truth, user, agent, compared, differences);
            agentState(truth, user, agent, compared, differences);
        }
        queueStatistics(truth, compared, differences);
        projections(truth, compared, differences);
        return new Result(compared, differences, notes);
    }

    private void recentCalls(GroundTruth truth, DemoTenant.User user, String agent, List<String> compared,
                             List<String> differences) {
        JsonNode rows = read(stats, "/tenants/" + demo.domain() + "/agents/" + user.extension() + "/recent-calls?limit="
                + RECENT_LIMIT, differences);
        if (rows == null) {
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode row : rows) {
            String call = row.path("call").asString("");
            if (call.startsWith(runId)) {
                seen.merge(call, 1, Integer::sum);
            }
        }
        List<GroundTruth.CallTruth> own = truth.calls().stream().filter(c -> agent.equals(c.agent)).toList();
        Set<String> ownIds = new java.util.HashSet<>();
        own.forEach(c -> ownIds.add(c.call));
        seen.forEach((call, times) -> {
            if (times > 1) {
                differences.add(agent + " recent calls: " + call + " listed " + times + " times (double-counted)");
            }
            if (!ownIds.contains(call)) {
                differences.add(agent + " recent calls: " + call + " is listed but the truth says another agent (or nobody) had it");
            }
        });
        if (own.size() <= RECENT_LIMIT) {
            for (GroundTruth.CallTruth call : own) {
                if (!seen.containsKey(call.call)) {
                    differences.add(agent + " recent calls: " + call.call + " (" + call.outcome + ") is missing (lost)");
                }
            }
        }
        compared.add(agent + " recent calls: " + seen.size() + " of this run listed, truth " + own.size());
    }

    private void agentState(GroundTruth truth, DemoTenant.User user, String agent, List<String> compared,
                            List<String> differences) {
        JsonNode view = read(agents, "/tenants/" + demo.domain() + "/agents/" + user.extension(), differences);
        if (view == null) {
            return;
        }
        String expected = truth.statuses().getOrDefault(agent, "?");
        expect(compared, differences, agent + " status in agent-service", view.path("status").asString(""), expected);
        if (!view.path("onCall").isNull() && !view.path("onCall").isMissingNode()) {
            differences.add(agent + " is still on a call in agent-service after every call ended: " + view.path("onCall"));
        }
        String wrapUpUntil = view.path("wrapUpUntil").asString(null);
        if (wrapUpUntil != null && Instant.parse(wrapUpUntil).isBefore(Instant.now().minusSeconds(5))) {
            differences.add(agent + " is still in wrap-up in agent-service, past its end " + wrapUpUntil);
        }
    }

    private void queueStatistics(GroundTruth truth, List<String> compared, List<String> differences) {
        JsonNode rows = read(stats, "/tenants/" + demo.domain() + "/queues/statistics", differences);
        if (rows == null) {
            return;
        }
        for (DemoTenant.Queue queue : demo.queues()) {
            String id = queue.extension() + "@" + demo.domain();
            JsonNode row = null;
            for (JsonNode candidate : rows) {
                String name = candidate.path("queue").asString("");
                if (name.equals(id) || name.equals(queue.extension())) {
                    row = candidate;
                }
            }
            if (row == null) {
                differences.add("queue " + id + " has no statistics row");
                continue;
            }
            expect(compared, differences, "queue " + id + " offered", sinceStart(row, "offered"),
                    truth.countInQueue(id, null));
            expect(compared, differences, "queue " + id + " answered", sinceStart(row, "answered"),
                    truth.countInQueue(id, GroundTruth.Outcome.ANSWERED));
            expect(compared, differences, "queue " + id + " abandoned", sinceStart(row, "abandoned"),
                    truth.countInQueue(id, GroundTruth.Outcome.ABANDONED));
        }
    }

    private void projections(GroundTruth truth, List<String> compared, List<String> differences) {
        String domain = demo.domain();
        JsonNode statuses = read(queues, "/tenants/" + domain + "/agent-statuses", differences);
        if (statuses != null) {
            Map<String, Integer> rowsPerAgent = new HashMap<>();
            for (JsonNode row : statuses) {
                String agent = row.path("agent").asString("");
                rowsPerAgent.merge(agent, 1, Integer::sum);
                if (truth.statuses().containsKey(agent)) {
                    expect(compared, differences, agent + " status in queue-service", row.path("status").asString(""),
                            truth.statuses().get(agent));
                }
            }
            rowsPerAgent.forEach((agent, rows) -> {
                if (rows > 1) {
                    differences.add("queue-service lists " + agent + " " + rows + " times in agent-statuses");
                }
            });
        }
        JsonNode availability = read(queues, "/tenants/" + domain + "/availability", differences);
        if (availability != null) {
            for (JsonNode row : availability) {
                String reason = row.path("reason").asString("");
                if (STUCK_REASONS.contains(reason)) {
                    differences.add("queue-service says " + row.path("agent").asString() + " in " + row.path("queue").asString()
                            + " is " + reason + " after every call ended");
                }
            }
            compared.add("availability rows checked for stuck agents: " + availability.size());
        }
        for (DemoTenant.Queue queue : demo.queues()) {
            JsonNode callers = read(queues, "/tenants/" + domain + "/queues/" + queue.extension() + "/callers", differences);
            if (callers != null && callers.size() > 0) {
                differences.add("queue " + queue.extension() + " still has " + callers.size() + " caller(s) waiting after "
                        + "every caller hung up: " + callers);
            }
        }
    }

    private static void expect(List<String> compared, List<String> differences, String what, Object actual, Object expected) {
        if (String.valueOf(actual).equals(String.valueOf(expected))) {
            compared.add(what + ": " + actual + " = truth");
        } else {
            differences.add(what + ": system " + actual + ", truth " + expected);
        }
    }

    private static JsonNode read(Http http, String path, List<String> differences) {
        Http.Answer answer = http.get(path);
        if (!answer.is2xx()) {
            differences.add("GET " + http.baseUrl() + path + " answered " + answer.status() + ": "
                    + (answer.body().length() > 160 ? answer.body().substring(0, 160) : answer.body()));
            return null;
        }
        try {
            return JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            differences.add("GET " + path + " is not JSON: " + e.getMessage());
            return null;
        }
    }
}
