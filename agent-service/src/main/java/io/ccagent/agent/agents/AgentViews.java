package io.ccagent.agent.agents;

import io.ccagent.contracts.ids.AgentId;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Reads an agent's current state straight from its event stream (under the aggregate's lock), so an answer
 * given right after a command always includes that command.
 */
@Component
public class AgentViews {

    private final Repository<Agent> agents;

    AgentViews(Repository<Agent> agents) {
        this.agents = agents;
    }

    public Optional<AgentView> find(AgentId agent) {
        ResultMessage<AgentView> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(() ->
                agents.load(agent.toString()).invoke(loaded ->
                        loaded.state().provisioned() ? loaded.state().view() : null));
        if (result.isExceptional()) {
            if (result.exceptionResult() instanceof AggregateNotFoundException) {
                return Optional.empty();
            }
            throw new IllegalStateException("could not read agent " + agent, result.exceptionResult());
        }
        return Optional.ofNullable(result.getPayload());
    }
}
