package io.ccagent.queue.queues;

import io.ccagent.badinput.http.BadRequest;
import io.ccagent.badinput.http.Forbidden;
import io.ccagent.badinput.http.NotFound;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.identity.Actor;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Queue settings and agent lists: read by anyone of the tenant, changed only by supervisors and office managers. */
@RestController
class QueueController {

    record QueueSettings(String name, String type, Integer wrapUpSeconds, Integer agentRingTimeoutSeconds,
                         Integer queueRingTimeoutSeconds, String unansweredAction, String unansweredTarget,
                         String timeZone) {
    }

    record MemberSettings(String agent, Integer priority, Integer order, Integer tier) {
    }

    private final CommandGateway commands;
    private final QueueViews views;

    QueueController(CommandGateway commands, QueueViews views) {
        this.commands = commands;
        this.views = views;
    }

    @GetMapping("/tenants/{tenant}/queues")
    List<QueueViews.QueueView> queues(@PathVariable String tenant) {
        return views.of(Tenant.of(tenant));
    }

    @GetMapping("/tenants/{tenant}/queues/{ext}")
    QueueViews.QueueView queue(@PathVariable String tenant, @PathVariable String ext) {
        return existing(QueueId.of(ext, Tenant.of(tenant)));
    }

    @PutMapping("/tenants/{tenant}/queues/{ext}")
    QueueViews.QueueView configure(@PathVariable String tenant, @PathVariable String ext,
                                   @RequestBody QueueSettings body,
                                   Actor actor) {
        QueueId queue = QueueId.of(ext, Tenant.of(tenant));
        String editor = requireEditor(queue.tenant(), actor);
        QueueConfigured settings = settings(queue, body, editor);
        commands.sendAndWait(new QueueCommands.ConfigureQueue(queue.toString(), settings));
        return existing(queue);
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
        commands.sendAndWait(new QueueCommands.PutMember(queue.toString(), deviceId, agent, priority, order, tier,
                editor));
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
        commands.sendAndWait(new QueueCommands.RemoveMember(queue.toString(), deviceId, editor));
        return existing(queue);
    }

    private QueueViews.QueueView existing(QueueId queue) {
        return views.view(queue).orElseThrow(() -> new NotFound("no queue " + queue));
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
                : body.unansweredTarget().trim();
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
