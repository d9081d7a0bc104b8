package io.ccagent.contracts.wire;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The envelope's type, copied by every producer into the {@code ce_type} record header (the CloudEvents Kafka binding's
 * name), so a consumer can skip records it does not handle without decoding them.
 */
public final class TypeHeader {

    public static final String NAME = "ce_type";

    private TypeHeader() {
    }

    public static byte[] valueOf(Envelope envelope) {
        return envelope.type().getBytes(StandardCharsets.UTF_8);
    }

    /** The type named by a header value (bytes as on the wire, or text), or null without one. */
    public static String typeOf(Object headerValue) {
        if (headerValue == null) {
            return null;
        }
        return headerValue instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : headerValue.toString();
    }

    /**
     * True when the record must be decoded: its header names one of the handled types, or it has no header (a record
     * of another producer, or a malformed one, which decoding then dead-letters).
     */
    public static boolean handled(Object headerValue, Set<String> handledTypes) {
        String type = typeOf(headerValue);
        return type == null || handledTypes.contains(type);
    }
}
