package io.ccagent.gateway.web;

import io.ccagent.gateway.config.GatewayProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two HTTP listeners. The public one ({@code server.port}) is what a PBX reaches from outside and serves only
 * {@code POST /api/v1/call-events} and the health probes; every other path answers 404 there. The internal one
 * ({@code gateway.http.internal-port}) serves every endpoint, for the portal, the seeder and metrics scrapers.
 */
@Configuration(proxyBeanMethods = false)
class HttpListeners {

    static final String CALL_EVENTS = "/api/v1/call-events";
    static final String HEALTH = "/actuator/health";

    @Bean
    InternalListener internalListener(GatewayProperties properties, Environment environment) {
        Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        connector.setPort(properties.http().internalPort());
        // the same interface as the public listener (server.address): loopback only in the local runtime
        String address = environment.getProperty("server.address");
        if (address != null && !address.isBlank()) {
            connector.setProperty("address", address);
        }
        return new InternalListener(connector);
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> internalConnector(InternalListener internal) {
        return factory -> factory.addAdditionalConnectors(internal.connector());
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> publicListenerServesOnlyCallEvents(InternalListener internal) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                if (internal.received(request) || isPublic(request)) {
                    chain.doFilter(request, response);
                } else {
                    response.sendError(HttpStatus.NOT_FOUND.value());
                }
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private static boolean isPublic(HttpServletRequest request) {
        String path = request.getRequestURI();
        return HttpMethod.POST.matches(request.getMethod()) && CALL_EVENTS.equals(path)
                || HttpMethod.GET.matches(request.getMethod()) && (HEALTH.equals(path) || path.startsWith(HEALTH + "/"));
    }
}
