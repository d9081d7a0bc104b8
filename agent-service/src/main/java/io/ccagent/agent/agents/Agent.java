package io.ccagent.agent.agents;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentEvent;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.DeviceActivated;
import io.ccagent.contracts.agent.DeviceDeactivated;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.QueueMembershipChanged;
import io.ccagent.contracts.agent.QueueMembershipChanged.DevicePriority;
import io.ccagent.contracts.agent.SingleCallCompleted;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.agent.config.ChangeMetadata;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One agent's ability to take queue calls: status, per-queue login, active phones, on-call, wrap-up and
 * Single-Call. Applies the {@code contracts.agent} records directly, so what is stored is what is published.
 * Every command is idempotent: asking for the state the agent is already in records nothing.
 * Snapshots (Jackson, fields only) keep loading cheap however long the agent's history grows.
 */
@Aggregate(snapshotTriggerDefinition = "agentSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Agent {

    static final String STAR_SINGLE_CALL = "*50";
    static final String STAR_ALL_QUEUES = "*51";
    static final String STAR_NO_QUEUES = "*52";
    /** Who changes an agent when no person does: the end of a Single-Call, a queue's agent list. */
    static final String SYSTEM_ACTOR = "agent-service";

    /** How many inputs (causing records) are remembered: far more than a consumer can redeliver after a crash. */
    static final int REMEMBERED_INPUTS = 64;

    @AggregateIdentifier
    private String id;
    private final AgentState state = new AgentState();
    private final LinkedHashSet<String> recentInputs = new LinkedHashSet<>();

    protected Agent() {
        // for Axon
    }

    /**
     * A command caused by a Kafka record carries the record's envelope id ({@link ChangeMetadata#INPUT}) and is handled
     * once: the input is stored with the events the command causes (their metadata), in the same append, so a crash
     * between the command and the consumer's acknowledgement cannot apply it twice. A command that changed nothing
     * stores {@link InputHandled} instead.
     */
    @CommandHandlerInterceptor
    Object handleOnce(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object input = command.getMetaData().get(ChangeMetadata.INPUT);
        if (input == null) {
            return chain.proceed();
        }
        if (recentInputs.contains(input.toString())) {
            return null;
        }
        Long versionBefore = AggregateLifecycle.getVersion();
        Object result = chain.proceed();
        if (Objects.equals(versionBefore, AggregateLifecycle.getVersion()) && id != null) {
            apply(new InputHandled(input.toString()));
        }
        remember(input.toString());
        return result;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AgentCommands.ProvisionAgent command) {
        if (!state.sameDetails(command)) {
            apply(new AgentProvisioned(command.agent(), command.name(), command.email(), command.devices(),
                    command.timeZone()));
        }
    }

    /** Portal commands answer the agent's new state, so the caller needs no second read. */
    @CommandHandler
    AgentView handle(AgentCommands.ChangeStatus command) {
        requireProvisioned();
        changeStatus(command.status(), command.source(), command.actor());
        return state.view();
    }

    @CommandHandler
    AgentView handle(AgentCommands.ChangeQueueLogin command) {
        requireProvisioned();
        if (!state.memberOf(command.queue())) {
            throw new AgentRuleViolation.NotAQueueMember(command.agent() + " is not a member of queue "
                    + command.queue() + "; a supervisor must add one of the agent's phones to it first");
        }
        changeLogin(command.queue(), command.loggedIn(), command.source(), command.actor());
        return state.view();
    }

    @CommandHandler
    AgentView handle(AgentCommands.SetDeviceActive command) {
        requireProvisioned();
        if (!state.hasDevice(command.device())) {
            throw new AgentRuleViolation.NotTheAgentsDevice(command.device() + " is not a phone of "
                    + command.agent());
        }
        if (state.deviceActive(command.device()) != command.active()) {
            apply(command.active()
                    ? new DeviceActivated(command.agent(), command.device(), command.actor())
                    : new DeviceDeactivated(command.agent(), command.device(), command.actor()));
        }
        return state.view();
    }

    @CommandHandler
    void handle(AgentCommands.DialStarCode command) {
        if (!state.provisioned() || !state.hasDevice(command.device())) {
            throw new AgentRuleViolation.NotTheAgentsDevice("star code " + command.code() + " from "
                    + command.device() + ", which is not a phone of " + command.agent());
        }
        String actor = command.device().toString();
        switch (command.code()) {
            case STAR_SINGLE_CALL -> {
                changeStatus(AgentStatus.SINGLE_CALL, ChangeSource.STAR_CODE, actor);
                loginEverywhere(true, actor);
            }
            case STAR_ALL_QUEUES -> {
                changeStatus(AgentStatus.ONLINE, ChangeSource.STAR_CODE, actor);
                loginEverywhere(true, actor);
            }
            case STAR_NO_QUEUES -> {
                changeStatus(AgentStatus.OFFLINE, ChangeSource.STAR_CODE, actor);
                loginEverywhere(false, actor);
            }
            default -> throw new IllegalArgumentException("unknown star code " + command.code());
        }
    }

    /**
     * Created if missing: queue.events can name an agent before the agent is provisioned here. Each member phone keeps
     * its own priority, so removing one phone leaves the others' priorities as they were; the event's
     * {@code priority} is the lowest of them, the one routing uses.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AgentCommands.UpdateQueueMembership command) {
        List<DevicePriority> before = state.devicePrioritiesIn(command.queue());
        List<DevicePriority> after = new ArrayList<>(before);
        int index = after.stream().map(DevicePriority::device).toList().indexOf(command.device());
        DevicePriority wanted = new DevicePriority(command.device(), command.priority());
        if (!command.member()) {
            if (index >= 0) {
                after.remove(index);
            }
        } else if (index >= 0) {
            after.set(index, wanted);
        } else {
            after.add(wanted);
        }
        boolean wasMember = state.memberOf(command.queue());
        if (after.equals(before) && id != null) {
            return;
        }
        if (after.isEmpty() && state.loggedInto(command.queue())) {
            apply(new QueueLoginChanged(command.agent(), command.queue(), false, ChangeSource.SYSTEM, SYSTEM_ACTOR));
        }
        apply(QueueMembershipChanged.of(command.agent(), command.queue(), after));
        if (!wasMember && !after.isEmpty()) {
            // a new member of a queue starts logged into it, as when a supervisor adds an agent in the portal
            apply(new QueueLoginChanged(command.agent(), command.queue(), true, ChangeSource.SYSTEM, SYSTEM_ACTOR));
        }
    }

    /**
     * Calls only concern agents provisioned here: an agent known only from {@code queue.events} is not one of this
     * service's agents, so another deployment's call must not put it on a call or in wrap-up.
     */
    @CommandHandler
    void handle(AgentCommands.StartCall command) {
        requireProvisioned();
        AgentView.OnCall current = state.onCall();
        if (state.finished(command.call()) || (current != null && current.call().equals(command.call()))) {
            return;
        }
        if (current != null) {
            // never on two calls at once: a new call means the end of the previous one was lost
            apply(new AgentCallEnded(command.agent(), current.call(), current.queue()));
            if (current.queue() != null && state.status() == AgentStatus.SINGLE_CALL) {
                completeSingleCall(current.call());
            }
        }
        if (state.wrapUp() != null) {
            apply(new WrapUpEnded(command.agent(), state.wrapUp().call()));
        }
        apply(new AgentCallStarted(command.agent(), command.call(), command.queue(), command.device()));
    }

    @CommandHandler
    void handle(AgentCommands.EndCall command) {
        requireProvisioned();
        AgentView.OnCall current = state.onCall();
        if (current == null || !current.call().equals(command.call())) {
            return;
        }
        apply(new AgentCallEnded(command.agent(), current.call(), current.queue()));
        if (current.queue() == null) {
            return;
        }
        if (state.status() == AgentStatus.SINGLE_CALL) {
            completeSingleCall(command.call());
        }
        Instant until = command.endedAt().plus(Duration.ofSeconds(command.wrapUpSeconds()));
        if (until.isAfter(command.now())) {
            apply(new WrapUpStarted(command.agent(), current.call(), current.queue(), until));
        }
    }

    @CommandHandler
    void handle(AgentCommands.MissOffer command) {
        boolean missedInThisSingleCall = state.statusSince() == null
                || !command.missedAt().isBefore(state.statusSince());
        if (command.queue() != null && state.status() == AgentStatus.SINGLE_CALL && state.onCall() == null
                && !state.finished(command.call()) && missedInThisSingleCall) {
            completeSingleCall(command.call());
        }
    }

    @CommandHandler
    void handle(AgentCommands.EndWrapUp command) {
        WrapUpStarted wrapUp = state.wrapUp();
        if (wrapUp != null && wrapUp.call().equals(command.call())) {
            apply(new WrapUpEnded(command.agent(), command.call()));
        }
    }

    /** Answers the new state like the other portal commands; the deadline the poller holds then finds no wrap-up. */
    @CommandHandler
    AgentView handle(AgentCommands.EndWrapUpNow command) {
        requireProvisioned();
        WrapUpStarted wrapUp = state.wrapUp();
        if (wrapUp != null) {
            apply(new WrapUpEnded(command.agent(), wrapUp.call()));
        }
        return state.view();
    }

    @EventSourcingHandler
    void on(AgentEvent event, @Timestamp Instant at,
            @MetaDataValue(ChangeMetadata.INPUT) String input) {
        id = event.agent().toString();
        state.evolve(event, at);
        remember(input);
    }

    @EventSourcingHandler
    void on(InputHandled handled) {
        remember(handled.input());
    }

    boolean remembers(String input) {
        return recentInputs.contains(input);
    }

    private void remember(String input) {
        if (input != null && recentInputs.add(input) && recentInputs.size() > REMEMBERED_INPUTS) {
            recentInputs.remove(recentInputs.iterator().next());
        }
    }

    AgentState state() {
        return state;
    }

    private void requireProvisioned() {
        if (!state.provisioned()) {
            throw new AgentRuleViolation.NotProvisioned("no agent " + id);
        }
    }

    private void completeSingleCall(CallId call) {
        apply(new SingleCallCompleted(state.agent(), call));
        changeStatus(AgentStatus.OFFLINE, ChangeSource.SYSTEM, SYSTEM_ACTOR);
    }

    private void changeStatus(AgentStatus to, ChangeSource source, String actor) {
        if (state.status() != to) {
            apply(new AgentStatusChanged(state.agent(), state.status(), to, source, actor));
        }
    }

    private void loginEverywhere(boolean loggedIn, String actor) {
        for (QueueId queue : List.copyOf(state.memberQueues())) {
            changeLogin(queue, loggedIn, ChangeSource.STAR_CODE, actor);
        }
    }

    private void changeLogin(QueueId queue, boolean loggedIn, ChangeSource source, String actor) {
        if (state.loggedInto(queue) != loggedIn) {
            apply(new QueueLoginChanged(state.agent(), queue, loggedIn, source, actor));
        }
    }
}
