package io.ccagent.portal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Token buckets per key (a login, an address), with Bucket4j: each attempt takes a token, tokens come back at the
 * bandwidths' rates. Buckets live in a Caffeine cache bounded in size and dropped once idle for longer than the
 * slowest refill, so a flood of made-up keys cannot grow memory. In memory on purpose: limits are per portal
 * instance, which with a handful of instances still stops guessing.
 */
public final class AttemptLimiter {

    /** At most this many buckets per limiter (a few hundred bytes each). */
    static final int MAX_KEYS = 50_000;

    private final List<Bandwidth> limits;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    /** {@code limit} attempts at once, then one more every {@code window / limit}. */
    public AttemptLimiter(int limit, Duration window, Clock clock) {
        this(List.of(Bandwidth.builder().capacity(limit).refillGreedy(limit, window).build()), window, clock);
    }

    /** Every bandwidth applies at once; {@code idle} is how long an untouched bucket is kept. */
    AttemptLimiter(List<Bandwidth> limits, Duration idle, Clock clock) {
        this.limits = List.copyOf(limits);
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterAccess(idle).build();
    }

    /** True when another attempt for this key is allowed now (takes nothing). */
    public boolean allows(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        return bucket == null || bucket.getAvailableTokens() > 0;
    }

    /** How long until the next attempt for this key is allowed; zero when it is now. */
    public Duration waitBeforeNext(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        return bucket == null ? Duration.ZERO
                : Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
    }

    /** Counts an attempt that already happened (a failed sign-in), even over the limit. */
    public void record(String key) {
        bucket(key).consumeIgnoringRateLimits(1);
    }

    /** Takes a token if there is one; false (and nothing taken) when the key is over its limit. */
    public boolean tryAcquire(String key) {
        return bucket(key).tryConsume(1);
    }

    public void clear(String key) {
        buckets.invalidate(key);
    }

    long keys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket bucket(String key) {
        return buckets.get(key, ignored -> {
            LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
            limits.forEach(builder::addLimit);
            return builder.build();
        });
    }
}
