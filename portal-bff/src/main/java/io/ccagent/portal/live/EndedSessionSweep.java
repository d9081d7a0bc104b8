package io.ccagent.portal.live;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.stereotype.Component;

/**
 * Closes streams whose session has ended elsewhere: signed out, reset or changed on another portal instance, or
 * expired. Sessions live in MongoDB, so every instance checks its own streams against them.
 */
@Component
class EndedSessionSweep {

    private final LiveHub hub;
    private final SessionRepository<? extends Session> sessions;

    EndedSessionSweep(LiveHub hub, SessionRepository<? extends Session> sessions) {
        this.hub = hub;
        this.sessions = sessions;
    }

    @Scheduled(fixedDelayString = "${portal.live.session-check}")
    void closeStreamsOfEndedSessions() {
        hub.sessionIds().stream()
                .filter(id -> sessions.findById(id) == null)
                .forEach(hub::closeStreamsOfSession);
    }
}
