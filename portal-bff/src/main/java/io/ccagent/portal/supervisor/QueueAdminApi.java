package io.ccagent.portal.supervisor;

import io.ccagent.badinput.http.BadRequest;
import io.ccagent.badinput.http.Forbidden;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.backend.Backends;
import io.ccagent.portal.problems.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

/** Queue settings and member lists of the supervisor's own tenant. */
@RestController
@RequestMapping("/api/tenants/{tenant}")
@Tag(name = "Queues (supervisor)", description = "Call Center Supervisor and Office Manager only")
class QueueAdminApi {

    private static final String EXTENSION = "[A-Za-z0-9._+-]{1,64}";
    private static final String EXTENSION_MESSAGE = "is not an extension (letters, digits and . _ + - only)";

    private final Backends backends;

    QueueAdminApi(Backends backends) {
        this.backends = backends;
    }

    record QueueSettings(@NotBlank @Size(max = 60) @PlainText String name, @NotNull QueueType type,
                         @Min(0) @Max(3600) int wrapUpSeconds, @Min(1) @Max(600) int agentRingTimeoutSeconds,
                         @Min(1) @Max(86400) int queueRingTimeoutSeconds, @NotNull UnansweredAction unansweredAction,
                         @Size(max = 64) @PlainText String unansweredTarget,
                         @NotBlank @PlainText String timeZone) {
    }

    record Member(@NotBlank String agent, @Min(1) @Max(99) int priority, @Min(1) @Max(999) int order,
                  @Min(1) @Max(9) int tier) {
    }

    @Operation(summary = "Every queue of the tenant")
    @GetMapping("/queues")
    JsonNode queues(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant) {
        return backends.queues().get(user, "/tenants/{tenant}/queues", TenantGuard.ownTenant(user, tenant));
    }

    @Operation(summary = "One queue with its members")
    @GetMapping("/queues/{queue}")
    JsonNode queue(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant,
                   @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String queue) {
        return backends.queues().get(user, "/tenants/{tenant}/queues/{queue}", TenantGuard.ownTenant(user, tenant),
                queue);
    }

    record NewQueue(@NotBlank @Pattern(regexp = "[0-9]{1,15}", message = "must be 1 to 15 digits (what callers dial)")
                    String extension, @Valid @NotNull QueueSettings settings) {
    }

    @Operation(summary = "Create a queue on an unused extension (Office Manager only)")
    @PostMapping("/queues")
    @ResponseStatus(HttpStatus.CREATED)
    JsonNode create(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant,
                    @Valid @RequestBody NewQueue queue) {
        Map<String, Object> body = new HashMap<>();
        body.put("extension", queue.extension());
        body.put("name", queue.settings().name());
        body.put("type", queue.settings().type());
        body.put("wrapUpSeconds", queue.settings().wrapUpSeconds());
        body.put("agentRingTimeoutSeconds", queue.settings().agentRingTimeoutSeconds());
        body.put("queueRingTimeoutSeconds", queue.settings().queueRingTimeoutSeconds());
        body.put("unansweredAction", queue.settings().unansweredAction());
        body.put("unansweredTarget", queue.settings().unansweredTarget());
        body.put("timeZone", queue.settings().timeZone());
        return backends.queues().post(user, body, "/tenants/{tenant}/queues",
                TenantGuard.ownTenantToCreateOrDeleteQueues(user, tenant));
    }

    @Operation(summary = "Delete a queue: its agents leave it, waiting callers go to its forward target or voicemail "
            + "(Office Manager only)")
    @DeleteMapping("/queues/{queue}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant,
                @PathVariable @Pattern(regexp = EXTENSION) String queue) {
        backends.queues().delete(user, "/tenants/{tenant}/queues/{queue}",
                TenantGuard.ownTenantToCreateOrDeleteQueues(user, tenant), queue);
    }

    @Operation(summary = "Edit a queue's type, timeouts, unanswered action and wrap-up time")
    @PutMapping("/queues/{queue}")
    JsonNode configure(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant,
                       @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String queue,
                       @Valid @RequestBody QueueSettings settings) {
        return backends.queues().put(user, settings, "/tenants/{tenant}/queues/{queue}",
                TenantGuard.ownTenant(user, tenant), queue);
    }

    @Operation(summary = "Add or update a member device with priority, order and tier")
    @PutMapping("/queues/{queue}/members/{device}")
    JsonNode putMember(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant,
                       @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String queue,
                       @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String device, @Valid @RequestBody Member member) {
        var own = TenantGuard.ownTenant(user, tenant);
        AgentId agent = parseAgent(member.agent());
        if (!agent.tenant().equals(own)) {
            throw new Forbidden("The agent belongs to another tenant.");
        }
        Map<String, Object> body = new HashMap<>();
        body.put("agent", agent.toString());
        body.put("priority", member.priority());
        body.put("order", member.order());
        body.put("tier", member.tier());
        return backends.queues().put(user, body, "/tenants/{tenant}/queues/{queue}/members/{device}", own, queue,
                device);
    }

    @Operation(summary = "Remove a member device from a queue")
    @DeleteMapping("/queues/{queue}/members/{device}")
    JsonNode removeMember(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant,
                          @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String queue,
                          @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String device) {
        return backends.queues().delete(user, "/tenants/{tenant}/queues/{queue}/members/{device}",
                TenantGuard.ownTenant(user, tenant), queue, device);
    }

    @Operation(summary = "Every agent of the tenant with their phones (to pick members)")
    @GetMapping("/agents")
    JsonNode agents(@AuthenticationPrincipal PortalUser user, @PathVariable String tenant) {
        return backends.agents().get(user, "/tenants/{tenant}/agents", TenantGuard.ownTenant(user, tenant));
    }

    private static AgentId parseAgent(String text) {
        try {
            return AgentId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }
}
