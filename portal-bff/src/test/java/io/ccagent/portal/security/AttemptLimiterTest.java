package io.ccagent.portal.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptLimiterTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-05T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AttemptLimiter limiter = new AttemptLimiter(3, Duration.ofMinutes(15), clock);

    @Test
    void refusesOverTheLimitAndGivesOneAttemptBackPerWindowShare() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("a")).isTrue();
        }
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.allows("a")).isFalse();
        assertThat(limiter.allows("b")).isTrue();

        assertThat(limiter.waitBeforeNext("a")).isEqualTo(Duration.ofMinutes(5));
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertThat(limiter.allows("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
    }

    @Test
    void memoryStaysBoundedWhateverKeysAreTyped() {
        for (int i = 0; i < AttemptLimiter.MAX_KEYS + 5_000; i++) {
            limiter.record("made-up-" + i);
        }
        assertThat(limiter.keys()).isLessThanOrEqualTo(AttemptLimiter.MAX_KEYS);
    }

    @Test
    void clearingForgetsEarlierFailures() {
        limiter.record("a");
        limiter.record("a");
        limiter.record("a");
        assertThat(limiter.allows("a")).isFalse();
        limiter.clear("a");
        assertThat(limiter.allows("a")).isTrue();
    }
}
