package io.ccagent.portal.session;

import org.junit.jupiter.api.Test;
import org.mongodb.spring.session.MongoIndexedSessionRepository;
import org.mongodb.spring.session.MongoSession;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ThrottledTouchSessionsTest {

    private static final Instant READ_AT = Instant.parse("2026-11-30T09:00:00Z");

    private final MongoIndexedSessionRepository store = mock(MongoIndexedSessionRepository.class);
    private final ThrottledTouchSessions sessions = new ThrottledTouchSessions(store, Duration.ofMinutes(1));
    private final MongoSession stored = new MongoSession();

    ThrottledTouchSessionsTest() {
        stored.setMaxInactiveInterval(Duration.ofMinutes(30));
        stored.setLastAccessedTime(READ_AT);
        when(store.findById(stored.getId())).thenReturn(stored);
    }

    @Test
    void aRequestThatOnlyMovesTheLastAccessIsNotWrittenWithinTheTouchInterval() {
        ThrottledTouchSessions.TrackedSession session = sessions.findById(stored.getId());
        session.setLastAccessedTime(READ_AT.plusSeconds(59));
        sessions.save(session);
        verify(store, never()).save(stored);
    }

    @Test
    void theLastAccessIsWrittenOnceTheTouchIntervalHasPassed() {
        ThrottledTouchSessions.TrackedSession session = sessions.findById(stored.getId());
        session.setLastAccessedTime(READ_AT.plusSeconds(60));
        sessions.save(session);
        session.setLastAccessedTime(READ_AT.plusSeconds(61));
        sessions.save(session);
        verify(store, times(1)).save(stored);
    }

    @Test
    void aShortIdleTimeoutShortensTheIntervalToATenthOfIt() {
        stored.setMaxInactiveInterval(Duration.ofSeconds(50));
        ThrottledTouchSessions.TrackedSession session = sessions.findById(stored.getId());
        session.setLastAccessedTime(READ_AT.plusSeconds(5));
        sessions.save(session);
        verify(store).save(stored);
    }

    @Test
    void anyChangeBesidesTheLastAccessIsWrittenAtOnce() {
        ThrottledTouchSessions.TrackedSession attribute = sessions.findById(stored.getId());
        attribute.setAttribute("SPRING_SECURITY_CONTEXT", "signed in");
        sessions.save(attribute);
        ThrottledTouchSessions.TrackedSession removed = sessions.findById(stored.getId());
        removed.removeAttribute("SPRING_SECURITY_CONTEXT");
        sessions.save(removed);
        ThrottledTouchSessions.TrackedSession newId = sessions.findById(stored.getId());
        newId.changeSessionId();
        sessions.save(newId);
        verify(store, times(3)).save(stored);
    }

    @Test
    void removingAnAttributeTheSessionDoesNotHaveWritesNothing() {
        ThrottledTouchSessions.TrackedSession session = sessions.findById(stored.getId());
        session.removeAttribute("never-set");
        sessions.save(session);
        verify(store, never()).save(stored);
    }

    @Test
    void aNewSessionIsAlwaysWritten() {
        when(store.createSession()).thenReturn(new MongoSession());
        ThrottledTouchSessions.TrackedSession session = sessions.createSession();
        sessions.save(session);
        verify(store).save(session.stored());
    }

    @Test
    void aSessionTheStoreDoesNotHaveIsNotFound() {
        assertThat(sessions.findById("unknown")).isNull();
    }
}
