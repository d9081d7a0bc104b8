package io.ccagent.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Connector;

/**
 * The gateway's second HTTP listener, for the platform's own services only: device credentials, PBX API keys,
 * originate, the simulator, OpenAPI and metrics. Whatever guards internal APIs (service-identity tokens) applies to
 * requests for which {@link #received} is true.
 */
public final class InternalListener {

    private final Connector connector;

    InternalListener(Connector connector) {
        this.connector = connector;
    }

    /** The port it listens on (the bound one when configured as 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public boolean received(HttpServletRequest request) {
        return request.getLocalPort() == port();
    }

    Connector connector() {
        return connector;
    }
}
