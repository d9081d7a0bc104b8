package io.ccagent.gateway.config;

import io.ccagent.identity.server.ServiceAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import static io.ccagent.identity.Role.OFFICE_MANAGER;
import static io.ccagent.identity.Role.SYSTEM;

/**
 * PBXes post call events with their tenant's API key (no service token); phone credentials and API keys are set by
 * provisioning and office managers; simulator runs by operators. Click-to-call follows the common rules.
 */
@Configuration(proxyBeanMethods = false)
class WebAccess {

    @Bean
    ServiceAccess serviceAccess() {
        return ServiceAccess.rules()
                .withoutToken("/api/v1/call-events")
                .only(HttpMethod.PUT, "/tenants/{tenant}/devices/**", OFFICE_MANAGER, SYSTEM)
                .only(HttpMethod.PUT, "/tenants/{tenant}/api-key", OFFICE_MANAGER, SYSTEM)
                .only(HttpMethod.POST, "/simulator/**", SYSTEM);
    }
}
