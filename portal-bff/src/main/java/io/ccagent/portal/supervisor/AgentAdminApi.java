package io.ccagent.portal.supervisor;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.backend.Backends;
import io.ccagent.portal.callcenter.Period;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;

/**
 * A supervisor acting on the agents of their tenant: status, queue login, ending a wrap-up, and reading an agent's
 * history. agent-service records each change with the supervisor as actor (source {@code SUPERVISOR}); the agent's
 * page follows through the live stream like any other change.
 */
@RestController
@RequestMapping("/api/tenants/{tenant}")
@Tag(name = "Agents (supervisor)", description = "Call Center Supervisor and Office Manager only")
class AgentAdminApi {

    private static final String EXTENSION = "[A-Za-z0-9._+-]{1,64}";
    private static final String EXTENSION_MESSAGE = "is not an extension (letters, digits and . _ + - only)";

    private final Backends backends;
    private final Clock clock;

    AgentAdminApi(Backends backends, Clock clock) {
        this.backends = backends;
        this.clock = clock;
    }

    record StatusChange(@NotNull AgentStatus status) {
    }

    record QueueLogin(@NotNull Boolean loggedIn) {
    }

    /** One call being talked now: which queue (null for a direct call), which agent on which phone. */
    record CallInProgress(String call, String queue, String agent, String agentName, String device) {
    }

    @Operation(summary = "Change an agent's status (recorded with you as actor)")
    @PostMapping("/agents/{ext}/status")
    JsonNode status(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant,
                    @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String ext,
                    @Valid @RequestBody StatusChange body) {
        Tenant own = TenantGuard.ownTenant(user, tenant);
        return withoutEvents(backends.agents().post(user, Map.of("status", body.status().name()),
                "/tenants/{tenant}/agents/{ext}/status", own, ext));
    }

    @Operation(summary = "Log an agent into or out of one queue (recorded with you as actor)")
    @PostMapping("/agents/{ext}/queues/{queue}/login")
    JsonNode queueLogin(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant,
                        @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String ext,
                        @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String queue,
                        @Valid @RequestBody QueueLogin body) {
        Tenant own = TenantGuard.ownTenant(user, tenant);
        return withoutEvents(backends.agents().post(user, Map.of("loggedIn", body.loggedIn()),
                "/tenants/{tenant}/agents/{ext}/queues/{queue}/login", own, ext, queue));
    }

    @Operation(summary = "End an agent's wrap-up now (recorded with you as actor)")
    @PostMapping("/agents/{ext}/wrap-up/end")
    JsonNode endWrapUp(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant,
                       @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String ext) {
        Tenant own = TenantGuard.ownTenant(user, tenant);
        return withoutEvents(backends.agents().post(user, Map.of(), "/tenants/{tenant}/agents/{ext}/wrap-up/end",
                own, ext));
    }

    @Operation(summary = "An agent's state history with who made each change")
    @GetMapping("/agents/{ext}/history")
    JsonNode history(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant,
                     @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String ext,
                     @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        Tenant own = TenantGuard.ownTenant(user, tenant);
        Period period = Period.of(from, to, clock);
        return backends.agents().get(user, "/tenants/{tenant}/agents/{ext}/history?from={from}&to={to}", own, ext,
                period.from(), period.to());
    }

    @Operation(summary = "Calls being talked now, with queue, agent and phone")
    @GetMapping("/calls-in-progress")
    ArrayList<CallInProgress> callsInProgress(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant) {
        Tenant own = TenantGuard.ownTenant(user, tenant);
        ArrayList<CallInProgress> calls = new ArrayList<>();
        for (JsonNode agent : backends.agents().get(user, "/tenants/{tenant}/agents", own)) {
            JsonNode onCall = agent.path("onCall");
            if (onCall.isObject()) {
                calls.add(new CallInProgress(onCall.path("call").asString(), onCall.path("queue").asString(null),
                        agent.path("agent").asString(), agent.path("name").asString(""),
                        onCall.path("device").asString(null)));
            }
        }
        return calls;
    }

    /** The events of the answer go to nobody's stream directly: Kafka brings them to every page that shows them. */
    private static JsonNode withoutEvents(JsonNode answer) {
        if (answer instanceof ObjectNode node) {
            node.remove("events");
        }
        return answer;
    }
}
