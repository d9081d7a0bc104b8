package io.ccagent.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import java.io.IOException;

/**
 * Refusals of the JSON API as problem details a client can show, instead of the bare status a browser page gets
 * redirected on: not signed in (401), and forbidden or missing/stale CSRF token (403).
 */
final class ApiProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException error)
            throws IOException {
        write(response, HttpStatus.UNAUTHORIZED, "Sign in first: this API needs a signed-in session.", "");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException error)
            throws IOException {
        if (error instanceof CsrfException) {
            // the page's token died with its session (signed out here or elsewhere): the page offers sign-in
            write(response, HttpStatus.FORBIDDEN, "Missing or expired CSRF token: the session this page was "
                    + "opened in has ended; sign in again.", ",\"sessionEnded\":true");
        } else {
            write(response, HttpStatus.FORBIDDEN, "Your scope does not allow this.", "");
        }
    }

    private static void write(HttpServletResponse response, HttpStatus status, String detail, String extra)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"" + extra + "}");
    }
}
