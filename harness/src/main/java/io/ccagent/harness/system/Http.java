package io.ccagent.harness.system;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small HTTP client that never throws for a status code: the harness judges answers, it does not trust them.
 * A connection failure is an answer too (status 0), because a crashed service is exactly what the harness looks for.
 */
public final class Http {

    /** One answer; {@code status} 0 means no answer at all, with the reason in {@code body}. */
    public record Answer(int status, String body, Map<String, String> headers) {

        public boolean is2xx() {
            return status >= 200 && status < 300;
        }

        public boolean is4xx() {
            return status >= 400 && status < 500;
        }
    }

    private final HttpClient client;
    /**
     * Live streams get connections of their own. The JDK 17 client keeps the timeout timer of a request that followed
     * a redirect armed after the answer; when it fires it closes the connection, by then back in the pool and carrying
     * a stream ("chunked transfer encoding, state: READING_LENGTH" exactly one timeout after signing in).
     */
    private final HttpClient streams;
    private final String baseUrl;
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();
    private final Supplier<String> authorization;

    public Http(String baseUrl) {
        this(baseUrl, false, () -> null);
    }

    private Http(String baseUrl, boolean cookies, Supplier<String> authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
        HttpClient.Builder streamBuilder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3));
        if (cookies) {
            CookieManager jar = new CookieManager();
            builder.cookieHandler(jar).followRedirects(HttpClient.Redirect.NORMAL);
            streamBuilder.cookieHandler(jar);
        }
        this.client = builder.build();
        this.streams = streamBuilder.build();
    }

    /** A client that keeps cookies and follows redirects, as a browser would. */
    public static Http browser(String baseUrl) {
        return new Http(baseUrl, true, () -> null);
    }

    /** A client that sends {@code Authorization: <fresh value>} with every request that does not bring its own. */
    public static Http signed(String baseUrl, Supplier<String> authorization) {
        return new Http(baseUrl, false, authorization);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Answer get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public Answer send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(15));
            defaultHeaders.forEach(request::header);
            headers.forEach(request::header);
            String signature = authorization.get();
            if (signature != null && !headers.containsKey("Authorization")) {
                request.header("Authorization", signature);
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<String> response = sendLikeABrowser(request.build());
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> answerHeaders.put(name.toLowerCase(), String.join(",", values)));
            return new Answer(response.statusCode(), response.body(), answerHeaders);
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(0, e.getClass().getSimpleName() + ": " + e.getMessage(), Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", Map.of());
        }
    }

    /**
     * Sends, and sends once more if the server closed a kept-alive connection without answering a byte, as browsers
     * do for a reused connection (seen once in a push benchmark: a status change lost, and the run with it).
     */
    private HttpResponse<String> sendLikeABrowser(HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                throw e;
            }
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A long-lived GET (server-sent events): each line goes to {@code onLine} as it arrives. */
    public java.util.concurrent.CompletableFuture<?> stream(String path, java.util.function.Consumer<String> onLine) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/event-stream");
        defaultHeaders.forEach(request::header);
        String signature = authorization.get();
        if (signature != null) {
            request.header("Authorization", signature);
        }
        return streams.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.fromLineSubscriber(
                new java.util.concurrent.Flow.Subscriber<String>() {
                    @Override
                    public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(String line) {
                        onLine.accept(line);
                    }

                    @Override
                    public void onError(Throwable error) {
                        onLine.accept("error: " + error);
                    }

                    @Override
                    public void onComplete() {
                        onLine.accept("closed");
                    }
                }));
    }

    public Answer sendJson(String method, String path, String json, Map<String, String> headers) {
        return send(method, path, "application/json", json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }
}
