package io.ccagent.agent.web;

import io.ccagent.agent.agents.AgentCommands;
import io.ccagent.agent.agents.AgentList;
import io.ccagent.agent.agents.AgentView;
import io.ccagent.agent.agents.AgentViews;
import io.ccagent.agent.changes.CommandAnswer;
import io.ccagent.agent.config.ChangeMetadata;
import io.ccagent.agent.history.AgentHistory;
import io.ccagent.badinput.http.BadRequest;
import io.ccagent.badinput.http.Forbidden;
import io.ccagent.badinput.http.NotFound;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The agent-service API of docs/service-apis.md: provisioning, status, queue logins, phones, history. */
@RestController
@RequestMapping("/tenants/{tenant}/agents")
class AgentController {

    private final CommandGateway commands;
    private final AgentViews views;
    private final AgentList list;
    private final AgentHistory history;
    private final Clock clock;
    private final JsonMapper json;
    private final EnvelopeCodec codec;

    AgentController(CommandGateway commands, AgentViews views, AgentList list, AgentHistory history,
                    Clock clock, JsonMapper json, EnvelopeCodec codec) {
        this.json = json;
        this.codec = codec;
        this.commands = commands;
        this.views = views;
        this.list = list;
        this.history = history;
        this.clock = clock;
    }

    record ProvisionRequest(String name, String email, List<String> devices, String timeZone) {
    }

    record StatusRequest(String status) {
    }

    record LoginRequest(Boolean loggedIn) {
    }

    record ActiveRequest(Boolean active) {
    }

    @PutMapping("/{ext}")
    AgentView provision(@PathVariable String tenant, @PathVariable String ext, @RequestBody ProvisionRequest body,
                        Actor actor) {
        Caller caller = Caller.of(tenant, actor);
        AgentId agent = AgentId.of(ext, caller.tenant());
        if (body.name() == null || body.name().isBlank()) {
            throw new BadRequest("name is required");
        }
        List<DeviceId> devices = (body.devices() == null ? List.<String>of() : body.devices()).stream()
                .map(device -> device(caller.tenant(), device)).distinct().toList();
        commands.sendAndWait(ChangeMetadata.command(new AgentCommands.ProvisionAgent(agent, body.name().trim(),
                body.email(), devices, zone(body.timeZone()).getId()), caller.source(), caller.actor(), null));
        return current(agent);
    }

    /** From the read model (one query); it follows the agents' events within moments. */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    String list(@PathVariable String tenant) {
        return list.listJson(Caller.tenant(tenant));
    }

    /** The most agents one page may carry. */
    static final int MAX_PAGE_SIZE = 500;

    /**
     * One page of the tenant's agents, of one queue's members if {@code queue} (its extension) is given: {@code {page,
     * size, total, online, items}} from the read model, two queries whatever the tenant's size.
     */
    @GetMapping(path = "/page", produces = MediaType.APPLICATION_JSON_VALUE)
    String page(@PathVariable String tenant, @RequestParam(defaultValue = "0") int page,
                @RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String queue) {
        Tenant own = Caller.tenant(tenant);
        if (page < 0) {
            throw new BadRequest("page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequest("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        return list.pageJson(own, queue == null || queue.isBlank() ? null : queueOf(own, queue), page, size);
    }

    private static QueueId queueOf(Tenant tenant, String ext) {
        try {
            return QueueId.of(ext, tenant);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("queue must be a queue's extension");
        }
    }

    @GetMapping("/{ext}")
    AgentView get(@PathVariable String tenant, @PathVariable String ext) {
        return current(AgentId.of(ext, Caller.tenant(tenant)));
    }

    @PostMapping("/{ext}/status")
    JsonNode changeStatus(@PathVariable String tenant, @PathVariable String ext, @RequestBody StatusRequest body,
                           Actor actor) {
        Caller caller = Caller.of(tenant, actor);
        AgentId agent = AgentId.of(ext, caller.tenant());
        return answer(send(agent, ChangeMetadata.command(new AgentCommands.ChangeStatus(agent,
                status(body.status()), caller.source(), caller.actor()), caller.source(), caller.actor(), null)));
    }

    @PostMapping("/{ext}/queues/{queueExt}/login")
    JsonNode changeQueueLogin(@PathVariable String tenant, @PathVariable String ext, @PathVariable String queueExt,
                               @RequestBody LoginRequest body,
                              Actor actor) {
        Caller caller = Caller.of(tenant, actor);
        AgentId agent = AgentId.of(ext, caller.tenant());
        if (body.loggedIn() == null) {
            throw new BadRequest("loggedIn (true or false) is required");
        }
        return answer(send(agent, ChangeMetadata.command(new AgentCommands.ChangeQueueLogin(agent,
                        QueueId.of(queueExt, caller.tenant()), body.loggedIn(), caller.source(), caller.actor()),
                caller.source(), caller.actor(), null)));
    }

    @PostMapping("/{ext}/devices/{device}/active")
    JsonNode setDeviceActive(@PathVariable String tenant, @PathVariable String ext, @PathVariable String device,
                              @RequestBody ActiveRequest body,
                              Actor actor) {
        Caller caller = Caller.of(tenant, actor);
        AgentId agent = AgentId.of(ext, caller.tenant());
        if (body.active() == null) {
            throw new BadRequest("active (true or false) is required");
        }
        return answer(send(agent, ChangeMetadata.command(new AgentCommands.SetDeviceActive(agent,
                        device(caller.tenant(), device), body.active(), caller.actor()),
                caller.source(), caller.actor(), null)));
    }

    /** Ends the agent's wrap-up now ("end wrap-up now"); recorded with who asked, like every portal change. */
    @PostMapping("/{ext}/wrap-up/end")
    JsonNode endWrapUp(@PathVariable String tenant, @PathVariable String ext, Actor actor) {
        Caller caller = Caller.of(tenant, actor);
        AgentId agent = AgentId.of(ext, caller.tenant());
        return answer(commands.sendAndWait(ChangeMetadata.command(new AgentCommands.EndWrapUpNow(agent),
                caller.source(), caller.actor(), null)));
    }

    @GetMapping("/{ext}/history")
    List<AgentHistory.Change> history(@PathVariable String tenant, @PathVariable String ext,
                                      @RequestParam(required = false) Instant from,
                                      @RequestParam(required = false) Instant to) {
        AgentView agent = current(AgentId.of(ext, Caller.tenant(tenant)));
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofHours(24)) : from;
        if (!start.isBefore(end)) {
            throw new BadRequest("from must be before to");
        }
        return history.changes(agent.agent(), start, end, ZoneId.of(agent.timeZone()));
    }

    /** The agent's new state, plus {@code events}: the envelopes the command caused, as Kafka carries them. */
    private JsonNode answer(CommandAnswer answer) {
        ObjectNode node = json.valueToTree(answer.agent());
        ArrayNode events = node.putArray("events");
        answer.events().forEach(envelope -> events.add(json.readTree(codec.encode(envelope))));
        return node;
    }

    /** A command to an existing agent; one that was never provisioned is a 404 like any unknown agent. */
    private CommandAnswer send(AgentId agent, Object command) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw new NotFound("no agent " + agent);
        }
    }

    private AgentView current(AgentId agent) {
        return views.find(agent).orElseThrow(() -> new NotFound("no agent " + agent));
    }

    private static AgentStatus status(String value) {
        if (value == null) {
            throw new BadRequest("status is required; one of " + Arrays.toString(AgentStatus.values()));
        }
        try {
            return AgentStatus.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("unknown status '" + value + "'; one of " + Arrays.toString(AgentStatus.values()));
        }
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            throw new BadRequest("timeZone is required, e.g. America/New_York");
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            throw new BadRequest("unknown time zone '" + timeZone + "'");
        }
    }

    /** Accepts a device name ({@code 1002a}) or a full id of the same tenant. */
    private static DeviceId device(Tenant tenant, String value) {
        DeviceId device = value.contains("@") ? DeviceId.parse(value) : DeviceId.of(value, tenant);
        if (!device.tenant().equals(tenant)) {
            throw new BadRequest("device " + value + " belongs to another tenant");
        }
        return device;
    }

    /** Who is asking, from the verified service token (the security layer already matched its tenant). */
    record Caller(Tenant tenant, String actor, ChangeSource source) {

        static Tenant tenant(String domain) {
            try {
                return Tenant.of(domain);
            } catch (IllegalArgumentException e) {
                throw new BadRequest(e.getMessage());
            }
        }

        static Caller of(String domain, Actor actor) {
            Tenant tenant = tenant(domain);
            if (!actor.belongsTo(tenant.domain())) {
                throw new Forbidden(actor.login() + " cannot act in tenant " + tenant);
            }
            return new Caller(tenant, actor.login(), source(actor.role()));
        }

        private static ChangeSource source(Role role) {
            return switch (role) {
                case AGENT -> ChangeSource.PORTAL;
                case SUPERVISOR, OFFICE_MANAGER -> ChangeSource.SUPERVISOR;
                case SYSTEM -> ChangeSource.SYSTEM;
            };
        }
    }
}
