package io.ccagent.gateway.sip;

import io.ccagent.gateway.config.GatewayProperties;
import java.time.Duration;

/** The gateway's settings as its unit tests use them: SIP on 127.0.0.1:15099, no trunk, the given source budget. */
final class SipSettings {

    private SipSettings() {
    }

    static GatewayProperties withSourceBudget(int requestsPerSecondPerSource) {
        return new GatewayProperties(new GatewayProperties.Sip("127.0.0.1", "127.0.0.1", 15099, "", 60, 3600,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(30), 100, 16384, 8192,
                requestsPerSecondPerSource, Duration.ofMinutes(5), 5, Duration.ofSeconds(60), Duration.ofSeconds(30)),
                null, null);
    }
}
