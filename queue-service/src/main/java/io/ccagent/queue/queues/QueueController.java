package io.ccagent.queue.queues;

import io.ccagent.badinput.http.BadRequest;
import io.ccagent.badinput.http.Conflict;
import io.ccagent.badinput.http.Forbidden;
import io.ccagent.badinput.http.NotFound;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.identity.Actor;
import io.ccagent.identity.Role;
import io.ccagent.queue.agentstatus.DeviceOwners;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Queue settings and agent lists: read by anyone of the tenant, changed only by supervisors and office managers.
 * Creating a queue (POST, on an unused extension) and deleting one are for office managers (and provisioning) only;
 * a PUT changes an existing queue and never creates one.
 */
@RestController
class QueueController {

    /** {@code extension} is read by POST only: a PUT names its queue in the path. */
    record QueueSettings(String extension, String name, String type, Integer wrapUpSeconds,
                         Integer agentRingTimeoutSeconds, Integer queueRingTimeoutSeconds, String unansweredAction,
                         String unansweredTarget, String timeZone) {
    }

    record MemberSettings(String agent, Integer priority, Integer order, Integer tier) {
    }

    private static final Pattern EXTENSION = Pattern.compile("[0-9]{1,15}");

    private final CommandGateway commands;
    private final QueueViews views;
    private final DeviceOwners owners;

    QueueController(CommandGateway commands, QueueViews views, DeviceOwners owners) {
        this.commands = commands;
        this.views = views;
        this.owners = owners;
    }

    @GetMapping("/tenants/{tenant}/queues")
    List<QueueViews.QueueView> queues(@PathVariable String tenant,
                                      @RequestParam(defaultValue = "true") boolean members) {
        return views.of(Tenant.of(tenant), members);
    }

    @GetMapping("/tenants/{tenant}/queues/{ext}")
    QueueViews.QueueView queue(@PathVariable String tenant, @PathVariable String ext) {
        return existing(QueueId.of(ext, Tenant.of(tenant)));
    }

    @PostMapping("/tenants/{tenant}/queues")
    ResponseEntity<QueueViews.QueueView> create(@PathVariable String tenant, @RequestBody QueueSettings body,
                                                Actor actor) {
        Tenant owner = Tenant.of(tenant);
        String creator = requireOfficeManager(owner, actor, "create");
        if (body.extension() == null || !EXTENSION.matcher(body.extension().trim()).matches()) {
            throw new IllegalArgumentException("extension is required: the digits callers dial to reach the queue "
                    + "(1 to 15 digits)");
        }
        QueueId queue = QueueId.of(body.extension().trim(), owner);
        if (views.view(queue).isPresent()) {
            throw new Conflict("queue " + queue + " exists already; change it with PUT");
        }
        send(new QueueCommands.CreateQueue(queue.toString(), settings(queue, body, creator)));
        return ResponseEntity.created(URI.create("/tenants/" + owner + "/queues/" + queue.extension()))
                .body(existing(queue));
    }

    @PutMapping("/tenants/{tenant}/queues/{ext}")
    QueueViews.QueueView configure(@PathVariable String tenant, @PathVariable String ext,
                                   @RequestBody QueueSettings body,
                                   Actor actor) {
        QueueId queue = QueueId.of(ext, Tenant.of(tenant));
        String editor = requireEditor(queue.tenant(), actor);
        existing(queue);
        QueueConfigured settings = settings(queue, body, editor);
        send(new QueueCommands.ConfigureQueue(queue.toString(), settings));
        return existing(queue);
    }

    /** Members are removed first (their agents leave the queue); callers still waiting are sent on by the router. */
    @DeleteMapping("/tenants/{tenant}/queues/{ext}")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable String ext, Actor actor) {
        QueueId queue = QueueId.of(ext, Tenant.of(tenant));
        String deleter = requireOfficeManager(queue.tenant(), actor, "delete");
        existing(queue);
        send(new QueueCommands.DeleteQueue(queue.toString(), deleter));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/tenants/{tenant}/queues/{ext}/members/{device}")
    QueueViews.QueueView putMember(@PathVariable String tenant, @PathVariable String ext, @PathVariable String device,
                                   @RequestBody MemberSettings body,
                                   Actor actor) {
        QueueId queue = QueueId.of(ext, Tenant.of(tenant));
        String editor = requireEditor(queue.tenant(), actor);
        DeviceId deviceId = device(queue.tenant(), device);
        if (body.agent() == null) {
            throw new BadRequest("agent is required");
        }
        AgentId agent = AgentId.parse(body.agent());
        if (!agent.tenant().equals(queue.tenant())) {
            throw new BadRequest("agent " + agent + " belongs to another tenant than " + queue.tenant());
        }
        int priority = atLeast("priority", body.priority(), 1, 1);
        int order = atLeast("order", body.order(), 0, 0);
        int tier = atLeast("tier", body.tier(), 1, 1);
        existing(queue);
        requirePhoneOf(agent, deviceId);
        send(new QueueCommands.PutMember(queue.toString(), deviceId, agent, priority, order, tier, editor));
        return existing(queue);
    }

    @DeleteMapping("/tenants/{tenant}/queues/{ext}/members/{device}")
    QueueViews.QueueView removeMember(@PathVariable String tenant, @PathVariable String ext,
                                      @PathVariable String device,
                                   Actor actor) {
        QueueId queue = QueueId.of(ext, Tenant.of(tenant));
        String editor = requireEditor(queue.tenant(), actor);
        DeviceId deviceId = device(queue.tenant(), device);
        existing(queue);
        send(new QueueCommands.RemoveMember(queue.toString(), deviceId, editor));
        return existing(queue);
    }

    /**
     * A phone joins queues only for its own agent: the agent provisioned with it, and never one agent in one queue
     * and another agent in another.
     */
    private void requirePhoneOf(AgentId agent, DeviceId device) {
        owners.ownerOf(device).filter(owner -> !owner.equals(agent)).ifPresent(owner -> {
            throw new Conflict("phone " + device.name() + " belongs to agent " + owner.extension()
                    + ", not to " + agent.extension() + "; add one of " + agent.extension() + "'s own phones");
        });
        views.memberForAnotherAgent(agent.tenant(), device, agent).ifPresent(holder -> {
            throw new Conflict("phone " + device.name() + " is in queue " + QueueId.parse(holder.queue())
                    .extension() + " for agent " + AgentId.parse(holder.agent()).extension() + ", not for "
                    + agent.extension());
        });
    }

    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (QueueRefused refused) {
            throw switch (refused.kind()) {
                case NOT_FOUND -> new NotFound(refused.getMessage());
                case CONFLICT -> new Conflict(refused.getMessage());
            };
        }
    }

    private QueueViews.QueueView existing(QueueId queue) {
        return views.view(queue).orElseThrow(() -> new NotFound("no queue " + queue));
    }

    /** Creating and deleting queues is the office manager's (and provisioning's); supervisors edit them. */
    private static String requireOfficeManager(Tenant tenant, Actor actor, String what) {
        if (actor.role() != Role.OFFICE_MANAGER && actor.role() != Role.SYSTEM) {
            throw new Forbidden("only an office manager may " + what + " queues (role: " + actor.role() + ")");
        }
        return requireEditor(tenant, actor);
    }

    /** Returns who acts; refuses agents and actors of another tenant (the security layer checks both first). */
    private static String requireEditor(Tenant tenant, Actor actor) {
        if (!actor.role().editsQueues()) {
            throw new Forbidden("only a call center supervisor or office manager may change queues (role: "
                    + actor.role() + ")");
        }
        if (!actor.belongsTo(tenant.domain())) {
            throw new Forbidden(actor.login() + " may not change queues of " + tenant);
        }
        return actor.login();
    }

    private static DeviceId device(Tenant tenant, String device) {
        DeviceId id = device.contains("@") ? DeviceId.parse(device) : DeviceId.of(device, tenant);
        if (!id.tenant().equals(tenant)) {
            throw new BadRequest("device " + id + " belongs to another tenant than " + tenant);
        }
        return id;
    }

    private static QueueConfigured settings(QueueId queue, QueueSettings body, String actor) {
        if (body.name() == null || body.name().isBlank()) {
            throw new BadRequest("name is required");
        }
        QueueType type = named(QueueType.class, "type", body.type());
        UnansweredAction action = body.unansweredAction() == null ? UnansweredAction.STAY_IN_QUEUE
                : named(UnansweredAction.class, "unansweredAction", body.unansweredAction());
        int wrapUp = atLeast("wrapUpSeconds", body.wrapUpSeconds(), 0, null);
        int agentTimeout = atLeast("agentRingTimeoutSeconds", body.agentRingTimeoutSeconds(), 1, null);
        int queueTimeout = atLeast("queueRingTimeoutSeconds", body.queueRingTimeoutSeconds(), 1, null);
        String target = body.unansweredTarget() == null || body.unansweredTarget().isBlank() ? null
                : ForwardTarget.dialable(body.unansweredTarget().trim(), queue.tenant());
        if (action == UnansweredAction.FORWARD && target == null) {
            throw new BadRequest("unansweredTarget (a number or extension) is required to FORWARD");
        }
        String zone = body.timeZone() == null ? "UTC" : body.timeZone();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new BadRequest("unknown time zone '" + zone + "'");
        }
        return new QueueConfigured(queue, body.name().trim(), type, wrapUp, agentTimeout, queueTimeout, action,
                action == UnansweredAction.FORWARD ? target : null, zone, actor);
    }

    private static <E extends Enum<E>> E named(Class<E> type, String field, String value) {
        if (value == null) {
            throw new BadRequest(field + " is required");
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("unknown " + field + " '" + value + "'; use one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static int atLeast(String field, Integer value, int minimum, Integer fallback) {
        if (value == null) {
            if (fallback == null) {
                throw new BadRequest(field + " is required");
            }
            return fallback;
        }
        if (value < minimum) {
            throw new BadRequest(field + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }
}
