package io.ccagent.portal.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short fingerprint of an HTTP session id, written into each page and into the live stream's first event: a tab
 * whose stream reconnects under another session (signed out, then signed in again elsewhere) sees the difference
 * and says it is signed out, instead of showing "Live" with a page whose CSRF token died with its session.
 * The id itself never leaves the cookie.
 */
public final class SessionMark {

    private SessionMark() {
    }

    public static String of(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
