package io.ccagent.portal.live;

import io.ccagent.portal.PortalSettings;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Closes streams whose session has ended elsewhere: signed out, reset or changed on another portal instance, or
 * expired. Sessions live in MongoDB, so every instance checks its own streams against them, every
 * {@code portal.live.session-check}.
 */
@Component
class EndedSessionSweep implements SchedulingConfigurer {

    private final LiveHub hub;
    private final SessionRepository<? extends Session> sessions;
    private final Duration every;

    EndedSessionSweep(LiveHub hub, SessionRepository<? extends Session> sessions, PortalSettings settings) {
        this.hub = hub;
        this.sessions = sessions;
        this.every = settings.live().sessionCheck();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::closeStreamsOfEndedSessions, every);
    }

    void closeStreamsOfEndedSessions() {
        hub.sessionIds().stream()
                .filter(id -> sessions.findById(id) == null)
                .forEach(hub::closeStreamsOfSession);
    }
}
