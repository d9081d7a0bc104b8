package io.ccagent.portal.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server standing in for the four backend services: it records every request the portal makes and
 * answers with the JSON registered for "METHOD path" (or {@code {}}). Lets tests prove that a refused request
 * never reached a service, i.e. changed nothing.
 */
public final class BackendStub implements AutoCloseable {

    public record Request(String method, String path, String actor, String role, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    public BackendStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("X-Actor"),
                    exchange.getRequestHeaders().getFirst("X-Actor-Role"), body));
            byte[] answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path, "{}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answer(String methodAndPath, String json) {
        answers.put(methodAndPath, json);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void forget() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
