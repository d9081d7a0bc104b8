package io.ccagent.portal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sliding-window counter per key (a login, an address): at most {@code limit} attempts in {@code window}.
 * In memory on purpose: limits are per portal instance, which is enough to stop password guessing from one box.
 */
public final class AttemptLimiter {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

    public AttemptLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** True when another attempt for this key is still allowed now. */
    public boolean allows(String key) {
        Deque<Instant> recent = attempts.get(key);
        if (recent == null) {
            return true;
        }
        synchronized (recent) {
            dropExpired(recent);
            return recent.size() < limit;
        }
    }

    public void record(String key) {
        Deque<Instant> recent = attempts.computeIfAbsent(key, ignored -> new ArrayDeque<>());
        synchronized (recent) {
            dropExpired(recent);
            recent.addLast(clock.instant());
        }
    }

    /** Records an attempt if allowed; false (and nothing recorded) when the key is over its limit. */
    public boolean tryAcquire(String key) {
        Deque<Instant> recent = attempts.computeIfAbsent(key, ignored -> new ArrayDeque<>());
        synchronized (recent) {
            dropExpired(recent);
            if (recent.size() >= limit) {
                return false;
            }
            recent.addLast(clock.instant());
            return true;
        }
    }

    public void clear(String key) {
        attempts.remove(key);
    }

    private void dropExpired(Deque<Instant> recent) {
        Instant oldestKept = clock.instant().minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(oldestKept)) {
            recent.removeFirst();
        }
    }
}
