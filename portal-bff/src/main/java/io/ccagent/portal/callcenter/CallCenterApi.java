package io.ccagent.portal.callcenter;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.problems.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The signed-in agent's own Call Center data and actions; every call is scoped to that one agent. */
@RestController
@RequestMapping("/api/me")
@Tag(name = "My Call Center", description = "The signed-in agent's queues, status, phones, statistics and calls")
class CallCenterApi {

    private static final String EXTENSION = "[A-Za-z0-9._+-]{1,64}";
    private static final String EXTENSION_MESSAGE = "is not an extension (letters, digits and . _ + - only)";

    private final CallCenter callCenter;
    private final Clock clock;

    CallCenterApi(CallCenter callCenter, Clock clock) {
        this.callCenter = callCenter;
        this.clock = clock;
    }

    record Me(String login, String name, String email, String scope, String scopeLabel, String tenant) {
    }

    record StatusChange(@NotNull AgentStatus status) {
    }

    record QueueLogin(@NotNull Boolean loggedIn) {
    }

    record DeviceChange(@NotNull Boolean active) {
    }

    record Pick(@NotBlank @Pattern(regexp = EXTENSION) String device) {
    }

    record CallRequest(@NotBlank @Pattern(regexp = "[+0-9*#]{2,32}", message = "must be a phone number (digits, +, *, #)")
                       String to, @PlainText @Size(max = 100) String toName, String device) {
    }

    @Operation(summary = "Who is signed in")
    @GetMapping
    Me me(@AuthenticationPrincipal PortalUser user) {
        return new Me(user.login(), user.name(), user.email(), user.scope().name(), user.scope().label(),
                user.tenant().domain());
    }

    @Operation(summary = "My agent record: status, phones, queue memberships")
    @GetMapping("/agent")
    JsonNode agent(@AuthenticationPrincipal PortalUser user) {
        return callCenter.agent(user);
    }

    @Operation(summary = "My Queues: settings, my priority, callers waiting and my availability per queue")
    @GetMapping("/queues")
    List<QueueRow> queues(@AuthenticationPrincipal PortalUser user) {
        return callCenter.myQueues(user);
    }

    @Operation(summary = "Callers waiting in one of my queues")
    @GetMapping("/queues/{queue}/callers")
    JsonNode callers(@AuthenticationPrincipal PortalUser user, @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String queue) {
        return callCenter.callers(user, queue);
    }

    @Operation(summary = "Call park: take a caller waiting in one of my queues on one of my registered phones there")
    @PostMapping("/queues/{queue}/callers/{call}/pick")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void pick(@AuthenticationPrincipal PortalUser user, @PathVariable @Pattern(regexp = EXTENSION) String queue,
              @PathVariable @Pattern(regexp = "[!-~]{1,256}") String call, @Valid @RequestBody Pick body) {
        callCenter.pick(user, queue, call, body.device());
    }

    @Operation(summary = "My phones, each with whether it is registered now")
    @GetMapping("/phones")
    List<CallCenter.Phone> phones(@AuthenticationPrincipal PortalUser user) {
        return callCenter.phones(user);
    }

    @Operation(summary = "Log in to or out of one queue (the door icon)")
    @PostMapping("/queues/{queue}/login")
    JsonNode queueLogin(@AuthenticationPrincipal PortalUser user,
                        @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String queue, @Valid @RequestBody QueueLogin body) {
        return callCenter.changeQueueLogin(user, queue, body.loggedIn());
    }

    @Operation(summary = "Change my availability status")
    @PostMapping("/status")
    JsonNode status(@AuthenticationPrincipal PortalUser user, @Valid @RequestBody StatusChange body) {
        return callCenter.changeStatus(user, body.status().name());
    }

    @Operation(summary = "Switch one of my phones on or off for queue calls")
    @PostMapping("/devices/{device}/active")
    JsonNode device(@AuthenticationPrincipal PortalUser user,
                    @PathVariable @Pattern(regexp = EXTENSION, message = EXTENSION_MESSAGE) String device, @Valid @RequestBody DeviceChange body) {
        return callCenter.changeDevice(user, device, body.active());
    }

    @Operation(summary = "End my wrap-up now and take calls again")
    @PostMapping("/wrap-up/end")
    JsonNode endWrapUp(@AuthenticationPrincipal PortalUser user) {
        return callCenter.endWrapUp(user);
    }

    @Operation(summary = "My state history: every change of status, queue login, phone, call and wrap-up with who made it")
    @GetMapping("/history")
    JsonNode history(@AuthenticationPrincipal PortalUser user, @RequestParam(required = false) Instant from,
                     @RequestParam(required = false) Instant to) {
        Period period = Period.of(from, to, clock);
        return callCenter.history(user, period.from(), period.to());
    }

    @Operation(summary = "My Statistics (today)")
    @GetMapping("/statistics")
    JsonNode statistics(@AuthenticationPrincipal PortalUser user) {
        return callCenter.statistics(user);
    }

    @Operation(summary = "My Graphs: calls per hour (24 h), per day (10 days), origins")
    @GetMapping("/graphs")
    JsonNode graphs(@AuthenticationPrincipal PortalUser user) {
        return callCenter.graphs(user);
    }

    @Operation(summary = "Recent call history")
    @GetMapping("/recent-calls")
    JsonNode recentCalls(@AuthenticationPrincipal PortalUser user) {
        return callCenter.recentCalls(user);
    }

    @Operation(summary = "Click-to-call: ring one of my phones, then call the number")
    @PostMapping("/calls")
    JsonNode call(@AuthenticationPrincipal PortalUser user, @Valid @RequestBody CallRequest body) {
        return callCenter.callOut(user, body.to(), body.toName(), body.device());
    }
}
