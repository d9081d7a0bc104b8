package io.ccagent.portal.session;

import io.ccagent.portal.live.LiveStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends every session of one login, on every portal instance, and the live streams open on this one (the others'
 * streams close within the sweep interval): after a password reset or a change of role or password.
 */
@Component
public class UserSessions {

    private static final Logger log = LoggerFactory.getLogger(UserSessions.class);

    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final LiveStreams streams;

    UserSessions(FindByIndexNameSessionRepository<? extends Session> sessions, LiveStreams streams) {
        this.sessions = sessions;
        this.streams = streams;
    }

    public void endAll(String login) {
        var ended = sessions.findByPrincipalName(login).keySet();
        ended.forEach(sessions::deleteById);
        streams.endUser(login);
        log.info("ended {} session(s) of {}", ended.size(), login);
    }
}
