package io.ccagent.gateway.sip;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The highest nonce count accepted per nonce (RFC 7616 3.4: a server tracking {@code nc} detects replays). Only
 * nonces that came with the right password are remembered, so the table grows with real phones, not with floods;
 * expired nonces are dropped as the table grows, and it has a hard cap beyond which a fresh nonce is asked for.
 */
final class NonceCounts {

    private static final int PURGE_ABOVE = 10_000;
    private static final int HARD_CAP = 200_000;

    private final Map<String, Long> highest = new HashMap<>();

    /** True if {@code nc} is above every count seen with this nonce (and records it); false for a replay. */
    synchronized boolean advance(String nonce, long nc, Predicate<String> expired) {
        if (highest.size() > PURGE_ABOVE) {
            highest.keySet().removeIf(expired);
        }
        Long previous = highest.get(nonce);
        if (previous != null ? nc <= previous : highest.size() >= HARD_CAP) {
            return false;
        }
        highest.put(nonce, nc);
        return true;
    }
}
