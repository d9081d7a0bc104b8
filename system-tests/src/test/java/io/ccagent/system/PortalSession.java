package io.ccagent.system;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signed-in portal user, as a browser would be: session cookie, CSRF token, and the live event stream. */
final class PortalSession implements AutoCloseable {

    private static final Pattern CSRF = Pattern.compile(
            "name=\"_csrf\"[^>]*(?:value|content)=\"([^\"]+)\"|(?:value|content)=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    /** The live stream's own client: see the harness's {@code Http} for the JDK timer that closes a reused connection. */
    private final HttpClient streams;
    private final String baseUrl;
    private String csrfToken;
    private HttpResponse<java.util.stream.Stream<String>> stream;

    private PortalSession(String baseUrl) {
        this.baseUrl = baseUrl;
        CookieManager jar = new CookieManager();
        this.http = HttpClient.newBuilder().cookieHandler(jar)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        this.streams = HttpClient.newBuilder().cookieHandler(jar).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static PortalSession signIn(String baseUrl, String login, String password) {
        PortalSession session = new PortalSession(baseUrl);
        String loginPage = session.fetch("/login");
        String form = "username=" + encode(login) + "&password=" + encode(password) + "&_csrf=" + encode(csrf(loginPage));
        HttpResponse<String> response = session.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.uri().toString().contains("/login")) {
            throw new IllegalStateException("sign-in as " + login + " failed: ended at " + response.uri());
        }
        session.csrfToken = csrf(response.body());
        return session;
    }

    /** POSTs JSON to the portal's API with the CSRF token, as the page's scripts do; returns the status code. */
    int postJson(String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("X-CSRF-TOKEN", csrfToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))).statusCode();
    }

    /** Opens the live stream; every received {@code data:} line lands in the returned queue. */
    BlockingQueue<String> openLiveStream() {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        streams.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + "/api/live"))
                        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    stream = response;
                    response.body().filter(line -> line.startsWith("data:")).forEach(lines::add);
                });
        return lines;
    }

    private String fetch(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET()).body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("portal request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token in the page");
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.body().close();
        }
    }
}
