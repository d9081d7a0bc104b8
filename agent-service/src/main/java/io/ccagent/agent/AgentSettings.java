package io.ccagent.agent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Every setting of agent-service (application.yml, prefix {@code cca.agent}).
 *
 * @param snapshotAfterEvents a snapshot every this many events, so loading an agent reads at most this many events
 *                            whatever its age
 * @param wrapUp              the wrap-up timer
 */
@ConfigurationProperties("cca.agent")
public record AgentSettings(@DefaultValue("50") int snapshotAfterEvents, @DefaultValue WrapUp wrapUp) {

    /** @param pollInterval how often due wrap-ups are ended; a wrap-up ends at most this late */
    public record WrapUp(@DefaultValue("500ms") Duration pollInterval) {
    }
}
