package io.ccagent.gateway.sip;

import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.gateway.config.GatewayProperties;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Wrong digest credentials, counted per device and per source address. Past a threshold every further failure
 * doubles the wait before the next attempt is even checked (capped), so guessing a password gets slow fast while the
 * phone's owner is delayed, never locked out for long. Counts are forgotten after a quiet period; the tables are
 * bounded (least recently failed forgotten first), so failures from many addresses cannot grow memory.
 */
@Component
class AuthFailures {

    private static final int MAX_ENTRIES = 10_000;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration FORGET_AFTER = Duration.ofMinutes(15);

    private final Clock clock;
    private final int threshold;
    private final Duration maxBackoff;
    private final Map<Object, Failures> failures = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Failures> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    AuthFailures(Clock clock, GatewayProperties properties) {
        this.clock = clock;
        this.threshold = properties.sip().authFailuresBeforeBackoff();
        this.maxBackoff = properties.sip().authBackoffMax();
    }

    /** True while either the device or the source must wait before its credentials are checked again. */
    synchronized boolean backedOff(DeviceId device, InetAddress source) {
        Instant now = clock.instant();
        return blocked(device, now) || blocked(source, now);
    }

    /** Wrong credentials; {@code device} is null when the name matched no device (only the source is counted). */
    synchronized void failed(DeviceId device, InetAddress source) {
        Instant now = clock.instant();
        count(device, now);
        count(source, now);
    }

    /** The device's owner got in: its count starts over (the source's does not, or one valid account resets it). */
    synchronized void succeeded(DeviceId device) {
        failures.remove(device);
    }

    private boolean blocked(Object key, Instant now) {
        Failures entry = key == null ? null : failures.get(key);
        return entry != null && now.isBefore(entry.blockedUntil);
    }

    private void count(Object key, Instant now) {
        if (key == null) {
            return;
        }
        Failures entry = failures.get(key);
        if (entry == null || now.isAfter(entry.last.plus(FORGET_AFTER))) {
            entry = new Failures();
            failures.put(key, entry);
        }
        entry.count++;
        entry.last = now;
        if (entry.count >= threshold) {
            int doublings = Math.min(entry.count - threshold, 30);
            Duration wait = FIRST_BACKOFF.multipliedBy(1L << doublings);
            entry.blockedUntil = now.plus(wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait);
        }
    }

    private static final class Failures {
        int count;
        Instant last;
        Instant blockedUntil = Instant.MIN;
    }
}
