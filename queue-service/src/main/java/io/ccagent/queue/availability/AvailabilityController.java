package io.ccagent.queue.availability;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
class AvailabilityController {

    private final AvailabilityRows rows;

    AvailabilityController(AvailabilityRows rows) {
        this.rows = rows;
    }

    @GetMapping("/tenants/{tenant}/agents/{ext}/availability")
    List<AvailabilityRows.Row> ofAgent(@PathVariable String tenant, @PathVariable String ext) {
        return rows.ofAgent(AgentId.of(ext, Tenant.of(tenant)));
    }

    /** Every (agent, queue) row of the tenant, or only those of {@code agents} (extensions: a wallboard's page). */
    @GetMapping("/tenants/{tenant}/availability")
    List<AvailabilityRows.Row> ofTenant(@PathVariable String tenant,
                                        @RequestParam(required = false) List<String> agents) {
        Tenant own = Tenant.of(tenant);
        return agents == null ? rows.ofTenant(own)
                : rows.ofAgents(agents.stream().filter(ext -> !ext.isBlank()).map(ext -> AgentId.of(ext, own))
                .toList());
    }
}
