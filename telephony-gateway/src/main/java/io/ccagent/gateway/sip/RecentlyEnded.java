package io.ccagent.gateway.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The ids of the last calls that ended here (bounded, oldest forgotten first), to recognise late commands for them. */
final class RecentlyEnded {

    private final Set<String> ids;

    RecentlyEnded(int capacity) {
        this.ids = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        }));
    }

    /** Remembers the call; false if it was already remembered (someone else reported its end). */
    boolean add(String callId) {
        return ids.add(callId);
    }

    boolean contains(String callId) {
        return ids.contains(callId);
    }
}
