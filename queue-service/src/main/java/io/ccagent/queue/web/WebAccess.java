package io.ccagent.queue.web;

import io.ccagent.identity.server.ServiceAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import static io.ccagent.identity.Role.OFFICE_MANAGER;
import static io.ccagent.identity.Role.SUPERVISOR;
import static io.ccagent.identity.Role.SYSTEM;

/**
 * Queue settings and members are changed by supervisors, office managers and provisioning only; never by agents.
 * Queues are created (and deleted: the controller checks the role) by office managers and provisioning only.
 */
@Configuration(proxyBeanMethods = false)
class WebAccess {

    @Bean
    ServiceAccess serviceAccess() {
        return ServiceAccess.rules()
                .only(HttpMethod.POST, "/tenants/{tenant}/queues", OFFICE_MANAGER, SYSTEM)
                .only(HttpMethod.PUT, "/tenants/{tenant}/queues/**", SUPERVISOR, OFFICE_MANAGER, SYSTEM)
                .only(HttpMethod.DELETE, "/tenants/{tenant}/queues/**", SUPERVISOR, OFFICE_MANAGER, SYSTEM);
    }
}
