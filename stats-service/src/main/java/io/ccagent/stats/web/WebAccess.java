package io.ccagent.stats.web;

import io.ccagent.identity.server.ServiceAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import static io.ccagent.identity.Role.SYSTEM;

/** Rebuilding the projections is an operator's act (role SYSTEM); the rest follows the common rules. */
@Configuration(proxyBeanMethods = false)
class WebAccess {

    @Bean
    ServiceAccess serviceAccess() {
        return ServiceAccess.rules()
                .only(HttpMethod.POST, "/admin/**", SYSTEM)
                .only(HttpMethod.GET, "/admin/**", SYSTEM);
    }
}
