package io.ccagent.queue.queues;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueDeleted;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueMemberUpdated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A call queue's settings and agent (device) list, event-sourced. Every edit is an event naming who made it; an edit
 * that changes nothing records nothing. A queue is created explicitly, and a deleted one can be created again.
 */
@Aggregate
class QueueAggregate {

    private record Member(AgentId agent, int priority, int order, int tier) {
    }

    @AggregateIdentifier
    private String id;
    private QueueConfigured settings;
    private boolean deleted;
    private final Map<DeviceId, Member> members = new HashMap<>();

    QueueAggregate() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(QueueCommands.CreateQueue command) {
        if (exists()) {
            throw QueueRefused.conflict("queue " + command.settings().queue() + " exists already; change it instead");
        }
        apply(command.settings());
    }

    @CommandHandler
    void handle(QueueCommands.ConfigureQueue command) {
        requireExists();
        if (!sameSettings(settings, command.settings())) {
            apply(command.settings());
        }
    }

    /** A phone is in a queue for one agent: putting it there for another agent is refused, not a silent move. */
    @CommandHandler
    void handle(QueueCommands.PutMember command) {
        requireExists();
        Member wanted = new Member(command.agent(), command.priority(), command.order(), command.tier());
        Member current = members.get(command.device());
        if (current == null) {
            apply(new QueueMemberAdded(settings.queue(), command.device(), command.agent(), command.priority(),
                    command.order(), command.tier(), command.actor()));
        } else if (!current.agent().equals(command.agent())) {
            throw QueueRefused.conflict("phone " + command.device() + " is in queue " + settings.queue()
                    + " for agent " + current.agent() + ", not " + command.agent());
        } else if (!current.equals(wanted)) {
            apply(new QueueMemberUpdated(settings.queue(), command.device(), command.agent(), command.priority(),
                    command.order(), command.tier(), command.actor()));
        }
    }

    @CommandHandler
    void handle(QueueCommands.RemoveMember command) {
        requireExists();
        Member current = members.get(command.device());
        if (current != null) {
            apply(new QueueMemberRemoved(settings.queue(), command.device(), current.agent(), command.actor()));
        }
    }

    /** Members leave first, one removal each, so every reader handles them as any removal; then the queue goes. */
    @CommandHandler
    void handle(QueueCommands.DeleteQueue command) {
        requireExists();
        members.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(DeviceId::toString)))
                .toList()
                .forEach(member -> apply(new QueueMemberRemoved(settings.queue(), member.getKey(),
                        member.getValue().agent(), command.actor())));
        apply(new QueueDeleted(settings.queue(), command.actor()));
    }

    @EventSourcingHandler
    void on(QueueConfigured event) {
        id = event.queue().toString();
        settings = event;
        deleted = false;
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

    @EventSourcingHandler
    void on(QueueDeleted event) {
        deleted = true;
        members.clear();
    }

    private boolean exists() {
        return settings != null && !deleted;
    }

    private void requireExists() {
        if (!exists()) {
            throw QueueRefused.notFound("no queue " + id);
        }
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
