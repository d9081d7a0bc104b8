package io.ccagent.portal.security;

import io.ccagent.portal.PortalSettings;
import io.ccagent.portal.account.LoginName;
import io.ccagent.portal.live.LiveStreams;
import io.github.bucket4j.Bandwidth;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.context.ApplicationEventPublisher;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Form sign-in with a session cookie, CSRF on every state-changing request (the pages send the token in a
 * header), and role rules: queue editing and the wallboard need a supervisor or office manager.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final ApiProblems API_PROBLEMS = new ApiProblems();
    private static final RedirectStrategy REDIRECT = new DefaultRedirectStrategy();

    @Bean
    LoginThrottle loginThrottle(Clock clock, PortalSettings settings) {
        int freeFailures = settings.login().freeFailures();
        AttemptLimiter perSource = new AttemptLimiter(settings.login().attemptsPerSourcePerMinute(),
                Duration.ofMinutes(1), clock);
        // failures of one login: a few at once; then one every 15 s; after 20 in an hour one every 3 min
        AttemptLimiter perLogin = new AttemptLimiter(List.of(
                Bandwidth.builder().capacity(freeFailures).refillGreedy(4, Duration.ofMinutes(1)).build(),
                Bandwidth.builder().capacity(20).refillGreedy(20, Duration.ofHours(1)).build()),
                Duration.ofHours(1), clock);
        return new LoginThrottle(perSource, perLogin);
    }

    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        return new DefaultAuthenticationEventPublisher(publisher);
    }

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http, LoginThrottle loginThrottle, LiveStreams liveStreams)
            throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/forgot-password", "/reset-password", "/demo/mailbox",
                                "/css/**", "/js/**", "/webjars/**", "/favicon.svg", "/error",
                                "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers(path.matcher("/internal/**")).permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").authenticated()
                        .requestMatchers("/supervisor/**", "/api/tenants/**")
                        .hasAnyRole("SUPERVISOR", "OFFICE_MANAGER")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false)
                        // a name without "@domain" cannot be anybody's: say how a login name looks
                        .failureHandler((request, response, error) -> REDIRECT.sendRedirect(request, response,
                                LoginName.parse(request.getParameter("username")).isPresent()
                                        ? "/login?error" : "/login?error=format")))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut")
                        // runs before the session is invalidated: the session's other tabs stop streaming at once
                        .addLogoutHandler((request, response, authentication) -> {
                            if (request.getSession(false) != null) {
                                liveStreams.endSession(request.getSession(false).getId());
                            }
                        })
                        .deleteCookies("PORTAL_SESSION", "SESSION", "JSESSIONID"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(path.matcher("/internal/**")))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(API_PROBLEMS, path.matcher("/api/**"))
                        .defaultAccessDeniedHandlerFor(API_PROBLEMS, path.matcher("/api/**"))
                        // pages keep the "Not allowed" error page (a single mapping would apply to every request)
                        .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), AnyRequestMatcher.INSTANCE))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                + "frame-ancestors 'none'; form-action 'self'")))
                .addFilterBefore(loginThrottle, UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }
}
