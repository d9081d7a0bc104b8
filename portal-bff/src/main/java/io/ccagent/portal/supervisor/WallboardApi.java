package io.ccagent.portal.supervisor;

import io.ccagent.contracts.ids.Tenant;
import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.backend.Backends;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Everything a wallboard shows in one answer, so a wall display needs a single poll or one refetch per push. */
@RestController
@Tag(name = "Wallboard (supervisor)", description = "Call Center Supervisor and Office Manager only")
class WallboardApi {

    private final Backends backends;

    WallboardApi(Backends backends) {
        this.backends = backends;
    }

    record Wallboard(JsonNode queues, JsonNode statistics, JsonNode agents, JsonNode statuses,
                     JsonNode availability) {
    }

    @Operation(summary = "Queues, queue statistics (service level 20 s), agents, statuses and availability")
    @GetMapping("/api/tenants/{tenant}/wallboard")
    Wallboard wallboard(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant) {
        Tenant own = TenantGuard.ownTenant(user, tenant);
        return new Wallboard(
                backends.queues().get(user, "/tenants/{tenant}/queues", own),
                backends.stats().get(user, "/tenants/{tenant}/queues/statistics?serviceLevelSeconds=20", own),
                backends.agents().get(user, "/tenants/{tenant}/agents", own),
                backends.queues().get(user, "/tenants/{tenant}/agent-statuses", own),
                backends.queues().get(user, "/tenants/{tenant}/availability", own));
    }
}
