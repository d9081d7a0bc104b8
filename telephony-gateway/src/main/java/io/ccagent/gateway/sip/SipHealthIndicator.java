package io.ccagent.gateway.sip;

import io.ccagent.gateway.config.GatewayProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The gateway is only healthy while its SIP listeners run (shown under {@code sip} in /actuator/health). */
@Component
class SipHealthIndicator implements HealthIndicator {

    private final SipServer server;
    private final B2bua b2bua;
    private final int port;

    SipHealthIndicator(SipServer server, B2bua b2bua, GatewayProperties properties) {
        this.server = server;
        this.b2bua = b2bua;
        this.port = properties.sip().port();
    }

    @Override
    public Health health() {
        Health.Builder health = server.isRunning() ? Health.up() : Health.down();
        return health.withDetail("port", port).withDetail("activeCalls", b2bua.activeCalls()).build();
    }
}
