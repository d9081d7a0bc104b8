package io.ccagent.queue.agentstatus;

import io.ccagent.contracts.ids.Tenant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
class AgentStatusController {

    private final AgentStatusRows statuses;

    AgentStatusController(AgentStatusRows statuses) {
        this.statuses = statuses;
    }

    @GetMapping("/tenants/{tenant}/agent-statuses")
    List<AgentStatusRows.Row> agentStatuses(@PathVariable String tenant) {
        return statuses.of(Tenant.of(tenant));
    }
}
