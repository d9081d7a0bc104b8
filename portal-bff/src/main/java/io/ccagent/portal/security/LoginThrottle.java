package io.ccagent.portal.security;

import io.ccagent.portal.account.LoginName;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;

/**
 * Stops password guessing: after too many failed sign-ins for one login, further tries for it are refused
 * (without checking the password) until the window has passed. Success clears the count.
 */
final class LoginThrottle extends OncePerRequestFilter {

    private final AttemptLimiter failures;

    LoginThrottle(AttemptLimiter failures) {
        this.failures = failures;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !("POST".equals(request.getMethod()) && "/login".equals(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!failures.allows(key(request.getParameter("username")))) {
            response.sendRedirect(request.getContextPath() + "/login?throttled");
            return;
        }
        chain.doFilter(request, response);
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        failures.record(key(String.valueOf(event.getAuthentication().getPrincipal())));
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        failures.clear(key(event.getAuthentication().getName()));
    }

    private static String key(String typed) {
        return LoginName.parse(typed).map(Object::toString)
                .orElse(typed == null ? "" : typed.trim().toLowerCase(Locale.ROOT));
    }
}
