package io.ccagent.agent.web;

import io.ccagent.identity.server.ServiceAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import static io.ccagent.identity.Role.OFFICE_MANAGER;
import static io.ccagent.identity.Role.SUPERVISOR;
import static io.ccagent.identity.Role.SYSTEM;

/** Who may call what here, beyond the common rules of service-identity (own tenant, an agent only for itself). */
@Configuration(proxyBeanMethods = false)
class WebAccess {

    @Bean
    ServiceAccess serviceAccess() {
        return ServiceAccess.rules()
                .only(HttpMethod.PUT, "/tenants/{tenant}/agents/{ext}", SUPERVISOR, OFFICE_MANAGER, SYSTEM)
                .only(HttpMethod.GET, "/tenants/{tenant}/agents", SUPERVISOR, OFFICE_MANAGER, SYSTEM)
                .only(HttpMethod.GET, "/tenants/{tenant}/agents/page", SUPERVISOR, OFFICE_MANAGER, SYSTEM);
    }
}
