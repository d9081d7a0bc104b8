package io.ccagent.portal.callcenter;

import io.ccagent.badinput.http.BadRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A history period as asked: both ends or defaults (the last 24 hours up to now), at most 31 days, from before to. */
public record Period(Instant from, Instant to) {

    static final Duration DEFAULT = Duration.ofHours(24);
    static final Duration LONGEST = Duration.ofDays(31);

    public static Period of(Instant from, Instant to, Clock clock) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(DEFAULT) : from;
        if (!start.isBefore(end)) {
            throw new BadRequest("from must be before to.");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new BadRequest("Ask for at most 31 days of history at once.");
        }
        return new Period(start, end);
    }
}
