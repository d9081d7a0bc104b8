package io.ccagent.queue.queues;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueMemberUpdated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A call queue's settings and agent (device) list, event-sourced. Every edit is an event naming who made it; an edit
 * that changes nothing records nothing, so provisioning the same queue twice is harmless.
 */
@Aggregate
class QueueAggregate {

    private record Member(AgentId agent, int priority, int order, int tier) {
    }

    @AggregateIdentifier
    private String id;
    private QueueConfigured settings;
    private final Map<DeviceId, Member> members = new HashMap<>();

    QueueAggregate() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(QueueCommands.ConfigureQueue command) {
        if (settings == null || !sameSettings(settings, command.settings())) {
            apply(command.settings());
        }
    }

    @CommandHandler
    void handle(QueueCommands.PutMember command) {
        Member wanted = new Member(command.agent(), command.priority(), command.order(), command.tier());
        Member current = members.get(command.device());
        if (current == null) {
            apply(new QueueMemberAdded(settings.queue(), command.device(), command.agent(), command.priority(),
                    command.order(), command.tier(), command.actor()));
        } else if (!current.equals(wanted)) {
            apply(new QueueMemberUpdated(settings.queue(), command.device(), command.agent(), command.priority(),
                    command.order(), command.tier(), command.actor()));
        }
    }

    @CommandHandler
    void handle(QueueCommands.RemoveMember command) {
        Member current = members.get(command.device());
        if (current != null) {
            apply(new QueueMemberRemoved(settings.queue(), command.device(), current.agent(), command.actor()));
        }
    }

    @EventSourcingHandler
    void on(QueueConfigured event) {
        id = event.queue().toString();
        settings = event;
    }

    @EventSourcingHandler
    void on(QueueMemberAdded event) {
        members.put(event.device(), new Member(event.agent(), event.priority(), event.order(), event.tier()));
    }

    @EventSourcingHandler
    void on(QueueMemberUpdated event) {
        members.put(event.device(), new Member(event.agent(), event.priority(), event.order(), event.tier()));
    }

    @EventSourcingHandler
    void on(QueueMemberRemoved event) {
        members.remove(event.device());
    }

    /** Equal apart from who asked. */
    private static boolean sameSettings(QueueConfigured a, QueueConfigured b) {
        return a.name().equals(b.name()) && a.type() == b.type() && a.wrapUpSeconds() == b.wrapUpSeconds()
                && a.agentRingTimeoutSeconds() == b.agentRingTimeoutSeconds()
                && a.queueRingTimeoutSeconds() == b.queueRingTimeoutSeconds()
                && a.unansweredAction() == b.unansweredAction()
                && java.util.Objects.equals(a.unansweredTarget(), b.unansweredTarget())
                && a.timeZone().equals(b.timeZone());
    }
}
