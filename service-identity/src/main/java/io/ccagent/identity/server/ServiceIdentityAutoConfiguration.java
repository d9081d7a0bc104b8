package io.ccagent.identity.server;

import io.ccagent.identity.Role;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * The one security set-up of every internal service: a valid service token on every request (health and metrics
 * excepted), the path's tenant is the token's, an agent only for itself, plus the service's {@link ServiceAccess}
 * rules. Switched on by the resource-server starter on the class path; the portal (form sign-in) does not have it.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(BearerTokenAuthenticationFilter.class)
@EnableWebSecurity
@EnableConfigurationProperties(ServiceTokenProperties.class)
public class ServiceIdentityAutoConfiguration {

    private static final List<String> AGENT_PATHS = List.of("/tenants/{tenant}/agents/{ext}",
            "/tenants/{tenant}/agents/{ext}/**");

    @Bean
    JwtDecoder serviceTokenDecoder(ServiceTokenProperties properties) {
        return new TokenDecoder(properties);
    }

    @Bean
    SecurityFilterChain serviceIdentityFilterChain(HttpSecurity http, JwtDecoder decoder,
                                                   ObjectProvider<ServiceAccess> serviceAccess) throws Exception {
        ServiceAccess access = serviceAccess.getIfAvailable(ServiceAccess::rules);
        Problems problems = new Problems();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new ActorAuthentication()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> {
                    // error pages render a refusal that was already decided
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    // health and metrics are no tenant data; they are reachable on loopback / inside the cluster only
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                            .permitAll();
                    access.withoutToken().forEach(pattern -> requests.requestMatchers(pattern).permitAll());
                    access.roleRules().forEach(rule -> requests.requestMatchers(rule.method(), rule.pattern())
                            .access(CallerCheck.roles(rule.roles(), rule.roles().contains(Role.AGENT))));
                    requests.requestMatchers(AGENT_PATHS.toArray(String[]::new)).access(CallerCheck.ownAgentPath());
                    requests.requestMatchers("/tenants/{tenant}/**").access(CallerCheck.ownTenant());
                    requests.anyRequest().access(CallerCheck.ownTenant());
                });
        return http.build();
    }

    @Bean
    WebMvcConfigurer actorArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new ActorArgument());
            }
        };
    }
}
