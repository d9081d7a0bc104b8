package io.ccagent.portal.session;

import org.mongodb.spring.session.MongoIndexedSessionRepository;
import org.mongodb.spring.session.MongoSession;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sessions in MongoDB, written only when they change. Spring Session saves a session after every request just to move
 * its last access, so each wallboard refresh and each status change cost a store write. Here a session is written when
 * it is new, when an attribute, its id or its idle timeout changed, or when the stored last access is older than
 * {@code touchEvery} (at most a tenth of the session's idle timeout). Between two writes the stored last access lags
 * by at most that much, so an idle session can end that much before its full idle timeout, never later.
 */
final class ThrottledTouchSessions implements FindByIndexNameSessionRepository<ThrottledTouchSessions.TrackedSession> {

    private final MongoIndexedSessionRepository store;
    private final Duration touchEvery;

    ThrottledTouchSessions(MongoIndexedSessionRepository store, Duration touchEvery) {
        this.store = store;
        this.touchEvery = touchEvery;
    }

    @Override
    public TrackedSession createSession() {
        return new TrackedSession(store.createSession(), null);
    }

    @Override
    public void save(TrackedSession session) {
        if (session.needsWrite(touchEvery)) {
            store.save(session.stored);
            session.written();
        }
    }

    @Override
    public TrackedSession findById(String id) {
        MongoSession found = store.findById(id);
        return found == null ? null : new TrackedSession(found, found.getLastAccessedTime());
    }

    @Override
    public void deleteById(String id) {
        store.deleteById(id);
    }

    @Override
    public Map<String, TrackedSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, TrackedSession> found = new LinkedHashMap<>();
        store.findByIndexNameAndIndexValue(indexName, indexValue).forEach((id, session) ->
                found.put(id, new TrackedSession(session, session.getLastAccessedTime())));
        return found;
    }

    /** A stored session that remembers whether anything but its last access changed since it was read or written. */
    static final class TrackedSession implements Session {

        private final MongoSession stored;
        private Instant writtenAccess;
        private boolean changed;

        private TrackedSession(MongoSession stored, Instant writtenAccess) {
            this.stored = stored;
            this.writtenAccess = writtenAccess;
        }

        boolean needsWrite(Duration touchEvery) {
            if (changed || writtenAccess == null) {
                return true;
            }
            Duration tenthOfIdleTimeout = getMaxInactiveInterval().dividedBy(10);
            Duration lag = touchEvery.compareTo(tenthOfIdleTimeout) < 0 ? touchEvery : tenthOfIdleTimeout;
            return Duration.between(writtenAccess, getLastAccessedTime()).compareTo(lag) >= 0;
        }

        MongoSession stored() {
            return stored;
        }

        void written() {
            writtenAccess = getLastAccessedTime();
            changed = false;
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return stored.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String name) {
            return stored.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, Object value) {
            changed = true;
            stored.setAttribute(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            changed |= stored.getAttribute(name) != null;
            stored.removeAttribute(name);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            stored.setLastAccessedTime(lastAccessedTime);
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            changed |= !Objects.equals(interval, stored.getMaxInactiveInterval());
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }
}
