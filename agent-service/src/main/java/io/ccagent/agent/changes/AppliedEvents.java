package io.ccagent.agent.changes;

import io.ccagent.agent.agents.AgentView;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.eventsourcing.StoredEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Watches what each command changes. A command that answers the agent's state answers a {@link CommandAnswer} that
 * also carries the events it caused. Every committed status change is counted
 * ({@code cca_agent_status_changes_total}, by source and new status).
 */
@Component
class AppliedEvents implements MessageHandlerInterceptor<CommandMessage<?>>,
        MessageDispatchInterceptor<EventMessage<?>> {

    private static final String ANSWER = AppliedEvents.class.getName() + ".answer";

    private final MeterRegistry meters;

    AppliedEvents(CommandBus commands, EventBus events, MeterRegistry meters) {
        this.meters = meters;
        commands.registerHandlerInterceptor(this);
        events.registerDispatchInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object result = chain.proceed();
        if (result instanceof AgentView view) {
            CommandAnswer answer = new CommandAnswer(view);
            unitOfWork.resources().put(ANSWER, answer);
            return answer;
        }
        return result;
    }

    /** Called as the unit of work prepares its commit, with the events it is about to store. */
    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (!CurrentUnitOfWork.isStarted()) {
            messages.forEach(this::count);
            return (index, message) -> message;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        CommandAnswer answer = unitOfWork.getResource(ANSWER);
        return (index, message) -> {
            if (answer != null) {
                StoredEvents.envelope(message).ifPresent(answer::committed);
            }
            unitOfWork.afterCommit(committed -> count(message));
            return message;
        };
    }

    private void count(EventMessage<?> message) {
        if (message.getPayload() instanceof AgentStatusChanged changed) {
            Counter.builder("cca.agent.status.changes").description("committed status changes of agents")
                    .tag("source", changed.source().name()).tag("status", changed.to().name())
                    .register(meters).increment();
        }
    }
}
