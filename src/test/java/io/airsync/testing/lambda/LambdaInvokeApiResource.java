package io.airsync.testing.lambda;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one Lambda API call the function makes itself, {@code POST /2015-03-31/functions/{name}/invocations} (the
 * self-continue), on a JDK HttpServer: every call is recorded and answered 202 as an accepted asynchronous invoke.
 * Points {@code airsync.run.lambda-endpoint} at it, and gives the SDK a region and dummy credentials through system
 * properties (in Lambda they come from the environment).
 */
public class LambdaInvokeApiResource implements QuarkusTestResourceLifecycleManager {

    /** A recorded invoke: the function name as sent (decoded), the invocation type header, the payload. */
    public record Invoke(String functionName, String invocationType, String payload) {
    }

    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    private static final List<Invoke> INVOKES = new CopyOnWriteArrayList<>();
    private static final Map<String, String> SDK_PROPERTIES = Map.of("aws.region", "us-east-1",
            "aws.accessKeyId", "test-access-key", "aws.secretAccessKey", "test-secret-key");

    private HttpServer server;

    public static List<Invoke> invokes() {
        return List.copyOf(INVOKES);
    }

    public static void clear() {
        INVOKES.clear();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = INVOKE.matcher(exchange.getRequestURI().getRawPath());
            int status;
            if ("POST".equals(exchange.getRequestMethod()) && m.matches()) {
                INVOKES.add(new Invoke(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"), payload));
                status = 202;
            } else {
                status = 404;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-amzn-RequestId", "test-" + INVOKES.size());
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        SDK_PROPERTIES.forEach(System::setProperty);
        return Map.of("airsync.run.lambda-endpoint", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        SDK_PROPERTIES.keySet().forEach(System::clearProperty);
        if (server != null) {
            server.stop(0);
        }
        INVOKES.clear();
    }
}
