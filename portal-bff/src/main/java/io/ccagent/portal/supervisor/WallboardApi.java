package io.ccagent.portal.supervisor;

import io.ccagent.contracts.ids.Tenant;
import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.backend.Backends;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Everything a wallboard shows in one answer, so a wall display needs a single poll or one refetch per push. The five
 * backend reads run at once: the answer takes as long as the slowest of them, not their sum.
 */
@RestController
@Tag(name = "Wallboard (supervisor)", description = "Call Center Supervisor and Office Manager only")
class WallboardApi {

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

    record Wallboard(JsonNode queues, JsonNode statistics, JsonNode agents, JsonNode statuses,
                     JsonNode availability) {
    }

    @Operation(summary = "Queues, queue statistics (service level 20 s), agents, statuses and availability")
    @GetMapping("/api/tenants/{tenant}/wallboard")
    Wallboard wallboard(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant) {
        Tenant own = TenantGuard.ownTenant(user, tenant);
        CompletableFuture<JsonNode> queues = read(() -> backends.queues().get(user, "/tenants/{tenant}/queues", own));
        CompletableFuture<JsonNode> statistics = read(() -> backends.stats().get(user,
                "/tenants/{tenant}/queues/statistics?serviceLevelSeconds=20", own));
        CompletableFuture<JsonNode> agents = read(() -> backends.agents().get(user, "/tenants/{tenant}/agents", own));
        CompletableFuture<JsonNode> statuses = read(() -> backends.queues().get(user,
                "/tenants/{tenant}/agent-statuses", own));
        CompletableFuture<JsonNode> availability = read(() -> backends.queues().get(user,
                "/tenants/{tenant}/availability", own));
        return new Wallboard(answer(queues), answer(statistics), answer(agents), answer(statuses),
                answer(availability));
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
