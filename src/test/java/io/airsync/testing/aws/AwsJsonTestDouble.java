package io.airsync.testing.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny stand-in for an AWS service speaking the JSON protocol (Secrets Manager, SSM): POST / with
 * {@code X-Amz-Target: <prefix>.<Operation>} and a JSON body, answered by a handler per target with a status and a JSON
 * body ({@code {"__type": "...", "message": "..."}} for errors, as AWS sends them). Every request is recorded.
 */
public final class AwsJsonTestDouble implements AutoCloseable {

    /** A recorded request. */
    public record Request(String target, String body, String authorization, String contentType) {
    }

    /** An answer. */
    public record Response(int status, String json) {
        public static Response ok(String json) {
            return new Response(200, json);
        }

        public static Response error(int status, String type, String message) {
            return new Response(status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
        }
    }

    private final HttpServer server;
    private final Map<String, Function<String, Response>> handlers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public AwsJsonTestDouble() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            requests.add(new Request(target, body, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
            Function<String, Response> handler = target == null ? null : handlers.get(target);
            Response response = handler == null
                    ? Response.error(400, "UnknownOperationException", "no handler for " + target)
                    : handler.apply(body);
            byte[] bytes = response.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-RequestId", "test-" + requests.size());
            exchange.sendResponseHeaders(response.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** Answers {@code target} (e.g. {@code secretsmanager.GetSecretValue}) with {@code handler(requestBody)}. */
    public AwsJsonTestDouble on(String target, Function<String, Response> handler) {
        handlers.put(target, handler);
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
