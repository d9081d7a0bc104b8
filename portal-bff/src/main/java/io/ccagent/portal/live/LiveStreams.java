package io.ccagent.portal.live;

import io.ccagent.contracts.ids.AgentId;
import org.springframework.stereotype.Component;

/** Lets sign-out, password reset and role changes end the live streams of a session or of a user. */
@Component
public class LiveStreams {

    private final LiveHub hub;

    LiveStreams(LiveHub hub) {
        this.hub = hub;
    }

    public void endSession(String sessionId) {
        hub.closeStreamsOfSession(sessionId);
    }

    /** {@code login} is {@code extension@domain}. */
    public void endUser(String login) {
        hub.closeStreamsOfUser(AgentId.parse(login).tenant(), login);
    }
}
