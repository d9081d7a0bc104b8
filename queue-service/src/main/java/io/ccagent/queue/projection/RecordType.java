package io.ccagent.queue.projection;

import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * The envelope type a producer put in the {@code ce_type} record header, when it did. queue.events carries far more
 * availability changes than anything else, so projections skip what they do not fold without decoding it.
 */
public final class RecordType {

    public static final String HEADER = io.ccagent.contracts.wire.TypeHeader.NAME;

    private RecordType() {
    }

    /** True when the header names a type other than the wanted ones; records without the header are decoded. */
    public static boolean surelyNoneOf(Message<?> message, String... wanted) {
        Object header = message.getHeaders().get(HEADER);
        if (header == null) {
            return false;
        }
        String type = header instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : header.toString();
        for (String name : wanted) {
            if (name.equals(type)) {
                return false;
            }
        }
        return true;
    }
}
