package io.ccagent.portal.security;

import io.ccagent.portal.account.LoginName;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * Slows password guessing without locking the victim out. Per source address: a cap on sign-in attempts. Per login:
 * failures take tokens of a bucket whose refill gets slower as failures pile up (a progressive delay: a few free
 * tries, then one every few seconds, then one every few minutes), so the real user waits minutes at worst, never a
 * lockout. A refused try is not checked at all and the page says how long to wait. The address is the client's
 * (Tomcat takes X-Forwarded-For only from trusted proxies, see application.yml).
 */
final class LoginThrottle extends OncePerRequestFilter {

    private final AttemptLimiter perSource;
    private final AttemptLimiter failuresPerLogin;

    LoginThrottle(AttemptLimiter perSource, AttemptLimiter failuresPerLogin) {
        this.perSource = perSource;
        this.failuresPerLogin = failuresPerLogin;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !("POST".equals(request.getMethod()) && "/login".equals(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String source = request.getRemoteAddr();
        if (!perSource.tryAcquire(source)) {
            refuse(request, response, "address", perSource.waitBeforeNext(source));
            return;
        }
        String login = key(request.getParameter("username"));
        if (!failuresPerLogin.allows(login)) {
            refuse(request, response, "login", failuresPerLogin.waitBeforeNext(login));
            return;
        }
        chain.doFilter(request, response);
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        failuresPerLogin.record(key(String.valueOf(event.getAuthentication().getPrincipal())));
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String why, Duration wait)
            throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.sendRedirect(request.getContextPath() + "/login?throttled=" + why + "&wait=" + seconds);
    }

    private static String key(String typed) {
        return LoginName.parse(typed).map(Object::toString)
                .orElse(typed == null ? "" : typed.trim().toLowerCase(Locale.ROOT));
    }
}
