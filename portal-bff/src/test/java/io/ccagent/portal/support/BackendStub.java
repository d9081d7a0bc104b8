package io.ccagent.portal.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.ccagent.testkit.ServiceTokensForTests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
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

    /**
     * One request as received; {@code actor} and {@code role} come from its verified service token, {@code query} is
     * the decoded query string or null.
     */
    public record Request(String method, String path, String actor, String role, String body, String query) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

    public BackendStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            JWTClaimsSet caller = verifiedCaller(exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(new Request(exchange.getRequestMethod(), path,
                    caller == null ? null : caller.getSubject(),
                    caller == null ? null : String.valueOf(caller.getClaim("role")), body,
                    exchange.getRequestURI().getQuery()));
            String key = exchange.getRequestMethod() + " " + path;
            byte[] answer = answers.getOrDefault(key, "{}").getBytes(StandardCharsets.UTF_8);
            int status = statuses.getOrDefault(key, 200);
            exchange.getResponseHeaders().add("Content-Type", status < 400 ? "application/json"
                    : "application/problem+json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The claims of a token signed with the tests' service-token secret; null without one or with a bad one. */
    private static JWTClaimsSet verifiedCaller(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
            return jwt.verify(new MACVerifier(Base64.getDecoder().decode(ServiceTokensForTests.SECRET)))
                    ? jwt.getJWTClaimsSet() : null;
        } catch (ParseException | JOSEException e) {
            return null;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answer(String methodAndPath, String json) {
        answers.put(methodAndPath, json);
        statuses.remove(methodAndPath);
    }

    /** A refusal from the service: {@code status} with the given problem detail. */
    public void refuse(String methodAndPath, int status, String problemJson) {
        answers.put(methodAndPath, problemJson);
        statuses.put(methodAndPath, status);
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
