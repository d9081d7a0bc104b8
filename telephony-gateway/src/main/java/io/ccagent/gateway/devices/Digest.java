package io.ccagent.gateway.devices;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 hex as RFC 2617 digest authentication uses it. */
public final class Digest {

    private Digest() {
    }

    public static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships MD5", e);
        }
    }

    public static String ha1(String user, String realm, String password) {
        return md5Hex(user + ":" + realm + ":" + password);
    }
}
