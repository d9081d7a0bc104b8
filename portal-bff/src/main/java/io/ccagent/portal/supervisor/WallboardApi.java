package io.ccagent.portal.supervisor;

import io.ccagent.badinput.http.BadRequest;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.backend.Backends;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a wallboard shows in one answer, whatever the tenant's size: every queue with its statistics and its agents
 * counted by the services (members, available, on a call), and one page of agents with their statuses and
 * availability. The queue, statistics and agent-page reads run at once; the page's statuses and availability as soon
 * as the page is known, so the answer takes two backend round trips, each small.
 */
@RestController
@Tag(name = "Wallboard (supervisor)", description = "Call Center Supervisor and Office Manager only")
class WallboardApi {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private final Backends backends;
    private final ExecutorService reads = Executors.newFixedThreadPool(16, task -> {
        Thread thread = new Thread(task, "wallboard-read");
        thread.setDaemon(true);
        return thread;
    });

    WallboardApi(Backends backends) {
        this.backends = backends;
    }

    @PreDestroy
    void stop() {
        reads.shutdownNow();
    }

    @Schema(description = "Queues (without their member lists), their statistics and agent counts, and one page of"
            + " agents with the statuses and availability of that page's agents only")
    record Wallboard(JsonNode queues, JsonNode statistics, List<QueueAgents> queueAgents,
                     @Schema(description = "{page, size, total, online, items}: total agents (of the queue if one"
                             + " was asked), online = of them take queue calls, items = the page's agents")
                     JsonNode agents, JsonNode statuses, JsonNode availability) {
    }

    /** A queue's members counted by their availability there: green, and red because on a call. */
    record QueueAgents(String queue, long members, long available, long onCall) {
    }

    @Operation(summary = "Queues, queue statistics (service level 20 s) and agent counts, and one page of agents with"
            + " their statuses and availability")
    @GetMapping("/api/tenants/{tenant}/wallboard")
    Wallboard wallboard(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant,
                        @Parameter(description = "page number, from 0; a page past the last answers the last")
                        @RequestParam(defaultValue = "0") int page,
                        @Parameter(description = "agents per page, 1 to " + MAX_PAGE_SIZE)
                        @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size,
                        @Parameter(description = "a queue's extension: only that queue's members are paged")
                        @RequestParam(required = false) String queue) {
        Tenant own = TenantGuard.ownTenant(user, tenant);
        if (page < 0) {
            throw new BadRequest("page must be 0 or more.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequest("size must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        String queueExt = queue == null || queue.isBlank() ? null : queueOf(own, queue).extension();
        CompletableFuture<JsonNode> queues = read(() -> backends.queues().get(user,
                "/tenants/{tenant}/queues?members=false", own));
        CompletableFuture<JsonNode> statistics = read(() -> backends.stats().get(user,
                "/tenants/{tenant}/queues/statistics?serviceLevelSeconds=20", own));
        CompletableFuture<JsonNode> agents = read(() -> queueExt == null
                ? backends.agents().get(user, "/tenants/{tenant}/agents/page?page={page}&size={size}", own, page,
                size)
                : backends.agents().get(user, "/tenants/{tenant}/agents/page?page={page}&size={size}&queue={queue}",
                own, page, size, queueExt));
        CompletableFuture<JsonNode> statuses = agents.thenApplyAsync(found -> ofPage(found, exts ->
                backends.queues().get(user, "/tenants/{tenant}/agent-statuses?agents={agents}", own, exts)), reads);
        CompletableFuture<JsonNode> availability = agents.thenApplyAsync(found -> ofPage(found, exts ->
                backends.queues().get(user, "/tenants/{tenant}/availability?agents={agents}", own, exts)), reads);
        JsonNode statisticsAnswer = answer(statistics);
        return new Wallboard(answer(queues), statisticsAnswer, queueAgents(statisticsAnswer),
                answer(agents), answer(statuses), answer(availability));
    }

    private static QueueId queueOf(Tenant tenant, String ext) {
        try {
            return QueueId.of(ext.trim(), tenant);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("queue must be a queue's extension.");
        }
    }

    /** Asks for the rows of the page's agents (their extensions, comma-separated); none for an empty page. */
    private static JsonNode ofPage(JsonNode page, Function<String, JsonNode> read) {
        List<String> exts = new ArrayList<>();
        page.path("items").forEach(agent -> {
            String id = agent.path("agent").asString();
            if (id.indexOf('@') > 0) {
                exts.add(id.substring(0, id.indexOf('@')));
            }
        });
        return exts.isEmpty() ? JsonNodeFactory.instance.arrayNode() : read.apply(String.join(",", exts));
    }

    /** Each queue's agents as stats-service counts them: members by their latest availability reason there. */
    static List<QueueAgents> queueAgents(JsonNode statistics) {
        List<QueueAgents> counts = new ArrayList<>();
        statistics.forEach(queue -> {
            long members = 0;
            for (JsonNode count : queue.path("agentsByState")) {
                members += count.asLong();
            }
            JsonNode byState = queue.path("agentsByState");
            counts.add(new QueueAgents(queue.path("queue").asString(), members,
                    byState.path("AVAILABLE").asLong(), byState.path(UnavailableReason.ON_CALL.name()).asLong()));
        });
        return counts;
    }

    private CompletableFuture<JsonNode> read(Supplier<JsonNode> call) {
        return CompletableFuture.supplyAsync(call, reads);
    }

    /** A backend's answer, or its failure as thrown on the request thread (so it maps to the same problem). */
    private static JsonNode answer(CompletableFuture<JsonNode> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
