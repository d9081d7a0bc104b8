package io.ccagent.infra.embedded.mvstore;

import java.util.Map;

/** A quick estimate of a value's heap size, which the store's page cache counts against its limit. */
final class MemoryEstimate {

    private MemoryEstimate() {
    }

    static int of(Object value) {
        if (value instanceof String text) {
            return 40 + 2 * text.length();
        }
        if (value instanceof Map<?, ?> map) {
            int size = 64;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 32 + of(entry.getKey()) + of(entry.getValue());
            }
            return size;
        }
        if (value instanceof Iterable<?> values) { // lists, and index keys
            int size = 40;
            for (Object element : values) {
                size += 8 + of(element);
            }
            return size;
        }
        return 24;
    }
}
