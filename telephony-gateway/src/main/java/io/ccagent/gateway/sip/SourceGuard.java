package io.ccagent.gateway.sip;

import io.ccagent.gateway.config.GatewayProperties;
import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Per-source request budget (fixed one-second windows). The table of sources is bounded, so a spoofed flood from
 * many addresses cannot grow memory: the least recently seen sources are forgotten first.
 */
@Component
class SourceGuard {

    private static final int MAX_SOURCES = 10_000;

    private final int perSecond;
    private final Clock clock;
    private final Map<InetAddress, long[]> windows = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    SourceGuard(GatewayProperties properties, Clock clock) {
        this.perSecond = properties.sip().requestsPerSecondPerSource();
        this.clock = clock;
    }

    /** True if this source may send one more request now. */
    synchronized boolean allow(InetAddress source) {
        if (source == null) {
            return true;
        }
        long second = clock.millis() / 1000;
        long[] window = windows.computeIfAbsent(source, key -> new long[] {second, 0});
        if (window[0] != second) {
            window[0] = second;
            window[1] = 0;
        }
        return ++window[1] <= perSecond;
    }
}
