package io.ccagent.agent.wrapup;

import io.ccagent.agent.agent.AgentCommands;
import io.ccagent.agent.config.ChangeMetadata;
import io.ccagent.contracts.agent.ChangeSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Ends every wrap-up whose deadline has passed on the injected clock. Safe to run on every instance. */
@Component
class WrapUpPoller {

    private static final Logger log = LoggerFactory.getLogger(WrapUpPoller.class);

    private final WrapUpDeadlines deadlines;
    private final CommandGateway commands;
    private final Clock clock;

    WrapUpPoller(WrapUpDeadlines deadlines, CommandGateway commands, Clock clock) {
        this.deadlines = deadlines;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${cca.agent.wrap-up.poll-interval:500ms}")
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
