package io.ccagent.queue.agentstatus;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
class AgentStatusController {

    private final AgentStatusRows statuses;

    AgentStatusController(AgentStatusRows statuses) {
        this.statuses = statuses;
    }

    /** Every agent of the tenant, or only the agents of {@code agents} (extensions, e.g. a wallboard's page). */
    @GetMapping("/tenants/{tenant}/agent-statuses")
    List<AgentStatusRows.Row> agentStatuses(@PathVariable String tenant,
                                            @RequestParam(required = false) List<String> agents) {
        Tenant own = Tenant.of(tenant);
        return agents == null ? statuses.of(own)
                : statuses.of(agents.stream().filter(ext -> !ext.isBlank()).map(ext -> AgentId.of(ext, own)).toList());
    }
}
