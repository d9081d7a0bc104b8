package io.ccagent.harness.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signed-in portal user as a browser holds it: the session cookie and the CSRF token the pages send in a header. */
public final class PortalSession {

    private static final Pattern CSRF = Pattern.compile(
            "name=\"_csrf\"[^>]*(?:value|content)=\"([^\"]+)\"|(?:value|content)=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final Http http;
    private final String login;
    private String csrfToken;

    private PortalSession(Http http, String login) {
        this.http = http;
        this.login = login;
    }

    /** Signs in through the login form; throws with the reason when the portal refuses. */
    public static PortalSession signIn(String portalUrl, String login, String password) {
        PortalSession session = new PortalSession(Http.browser(portalUrl), login);
        Http.Answer page = session.http.get("/login");
        String form = "username=" + encode(login) + "&password=" + encode(password) + "&_csrf=" + encode(csrf(page.body()));
        Http.Answer signedIn = session.http.send("POST", "/login", "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8), Map.of());
        if (signedIn.status() != 200 || signedIn.body().contains("name=\"password\"")) {
            throw new IllegalStateException("sign-in as " + login + " failed with " + signedIn.status());
        }
        session.csrfToken = csrf(signedIn.body());
        return session;
    }

    public String login() {
        return login;
    }

    public Http.Answer get(String path) {
        return http.get(path);
    }

    /** JSON with the CSRF header, as the portal's own scripts send it. */
    public Http.Answer json(String method, String path, String body) {
        return http.sendJson(method, path, body, Map.of("X-CSRF-TOKEN", csrfToken));
    }

    /** Any request with this session; {@code withCsrf=false} leaves the token out on purpose. */
    public Http.Answer raw(String method, String path, String contentType, byte[] body, boolean withCsrf) {
        Map<String, String> headers = new HashMap<>();
        if (withCsrf) {
            headers.put("X-CSRF-TOKEN", csrfToken);
        }
        return http.send(method, path, contentType, body, headers);
    }

    /**
     * Opens one live stream ({@code /api/live}) with this session, as one more browser tab would, and hands every line
     * to {@code onLine} on the client's threads; no thread is held per stream.
     */
    public java.util.concurrent.CompletableFuture<?> openLiveStream(java.util.function.Consumer<String> onLine) {
        return http.stream("/api/live", onLine);
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token in the portal page");
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
