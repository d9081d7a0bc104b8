package io.ccagent.agent.wrapup;

import io.ccagent.agent.AgentSettings;
import io.ccagent.agent.agents.AgentCommands;
import io.ccagent.agent.config.ChangeMetadata;
import io.ccagent.contracts.agent.ChangeSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Ends every wrap-up whose deadline has passed on the injected clock, every {@code cca.agent.wrap-up.poll-interval}.
 * Safe to run on every instance.
 */
@Component
class WrapUpPoller implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(WrapUpPoller.class);

    private final WrapUpDeadlines deadlines;
    private final CommandGateway commands;
    private final Clock clock;
    private final Duration pollInterval;

    WrapUpPoller(WrapUpDeadlines deadlines, CommandGateway commands, Clock clock, AgentSettings settings) {
        this.deadlines = deadlines;
        this.commands = commands;
        this.clock = clock;
        this.pollInterval = settings.wrapUp().pollInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::endDueWrapUps, pollInterval);
    }

    void endDueWrapUps() {
        for (WrapUpDeadlines.Due due : deadlines.dueAt(clock.instant())) {
            try {
                // ending an already ended wrap-up changes nothing, so a second instance doing the same is harmless
                commands.sendAndWait(ChangeMetadata.command(new AgentCommands.EndWrapUp(due.agent(), due.call()),
                        ChangeSource.SYSTEM, "wrap-up timer", null));
                deadlines.remove(due);
            } catch (RuntimeException e) {
                log.warn("Could not end the wrap-up of {} after {} yet; will retry: {}", due.agent(), due.call(),
                        e.getMessage());
            }
        }
    }
}
