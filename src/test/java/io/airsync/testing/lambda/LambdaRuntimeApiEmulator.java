package io.airsync.testing.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS Lambda Runtime API (2018-06-01) on 127.0.0.1, so a packaged function (custom runtime, or
 * {@code java -jar quarkus-run.jar} with {@code AWS_LAMBDA_RUNTIME_API=<runtimeApi()>}) is driven exactly as
 * Lambda drives it: it long-polls {@code GET /runtime/invocation/next}, gets the event with the
 * {@code Lambda-Runtime-*} headers, and posts the outcome to {@code /runtime/invocation/{id}/response} or
 * {@code /error}; start-up failures go to {@code /runtime/init/error}.
 *
 * <p>{@link #submit} is a synchronous invoke: its future completes with the function's response, or fails with a
 * {@link LambdaInvocationException} (function error, init error, timeout, payload too large). The deadline starts
 * when the function takes the event, as Lambda's timeout starts after init. On timeout Lambda would kill the
 * sandbox; the emulator cannot, so it fails the future and refuses that request ID from then on: stopping the
 * process is the caller's business. One event is handed out at a time per {@code next} call, in submit order.
 */
public final class LambdaRuntimeApiEmulator implements AutoCloseable {

    public static final String DEFAULT_FUNCTION_NAME = "airsync";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "123456789012";
    /** Lambda's limit for a synchronous invocation's request and response payloads. */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

    private static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern OUTCOME = Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService timers;
    private final String functionName;
    private final String functionArn;
    private final Clock clock;
    private final LinkedBlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> byRequestId = new ConcurrentHashMap<>();
    private final List<Invocation> history = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<InvocationOutcome> initError = new AtomicReference<>();
    private volatile boolean closed;

    private LambdaRuntimeApiEmulator(HttpServer server, String functionName, Clock clock) {
        this.server = server;
        this.functionName = functionName;
        this.functionArn = "arn:aws:lambda:" + DEFAULT_REGION + ":" + DEFAULT_ACCOUNT + ":function:" + functionName;
        this.clock = clock;
        this.handlers = Executors.newCachedThreadPool(daemon("lambda-runtime-api"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("lambda-runtime-deadline"));
        server.setExecutor(handlers);
        server.createContext(PREFIX + "/", this::handle);
        server.createContext("/", exchange -> reply(exchange, 404, error("NotFound", "unknown path "
                + exchange.getRequestURI().getPath())));
        server.start();
    }

    /** On a free port, for function {@value #DEFAULT_FUNCTION_NAME}. */
    public static LambdaRuntimeApiEmulator start() {
        return start(0, DEFAULT_FUNCTION_NAME);
    }

    public static LambdaRuntimeApiEmulator start(int port, String functionName) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            return new LambdaRuntimeApiEmulator(server, functionName, Clock.systemUTC());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Lambda Runtime API emulator on 127.0.0.1:" + port, e);
        }
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}: {@code 127.0.0.1:<port>}. */
    public String runtimeApi() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String functionArn() {
        return functionArn;
    }

    /**
     * The environment Lambda gives a function process (runtime API address, function name, version, memory,
     * region, log group/stream); add secrets and settings of your own.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi());
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + UUID.randomUUID().toString().replace("-", ""));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", DEFAULT_REGION);
        env.put("AWS_DEFAULT_REGION", DEFAULT_REGION);
        return env;
    }

    /**
     * Queues an invocation, like a synchronous {@code Invoke}. The future completes with the response body, or
     * fails with a {@link LambdaInvocationException}.
     *
     * @param timeout the function's timeout; the deadline header is delivery time plus this
     */
    public CompletableFuture<String> submit(String eventJson, Duration timeout) {
        if (closed) {
            throw new IllegalStateException("the Lambda Runtime API emulator is closed");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), eventJson, timeout, traceId());
        history.add(invocation);
        int size = eventJson.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_PAYLOAD_BYTES) {
            invocation.fail(new InvocationOutcome("RequestTooLargeException",
                    "Request must be smaller than " + MAX_PAYLOAD_BYTES + " bytes for the Invoke operation, was "
                            + size, null));
            return invocation.future;
        }
        byRequestId.put(invocation.requestId, invocation);
        queued.add(invocation);
        return invocation.future;
    }

    /** The init error the function reported, if any. */
    public Optional<InvocationOutcome> initError() {
        return Optional.ofNullable(initError.get());
    }

    /** Every invocation submitted so far, in order, with its state. */
    public List<Invocation> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Invocations not yet taken by the function. */
    public int queuedCount() {
        return queued.size();
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        handlers.shutdownNow();
        timers.shutdownNow();
        for (Invocation invocation : byRequestId.values()) {
            invocation.fail(new InvocationOutcome("ServiceException", "the Lambda Runtime API emulator was closed", null));
        }
    }

    // ------------------------------------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher outcome = OUTCOME.matcher(path);
            if (path.equals(PREFIX + "/invocation/next")) {
                requireMethod(exchange, "GET");
                next(exchange);
            } else if (outcome.matches()) {
                requireMethod(exchange, "POST");
                byte[] body = readBody(exchange);
                if (outcome.group(2).equals("response")) {
                    respond(exchange, outcome.group(1), body);
                } else {
                    functionError(exchange, outcome.group(1), body);
                }
            } else if (path.equals(PREFIX + "/init/error")) {
                requireMethod(exchange, "POST");
                initError(exchange, readBody(exchange));
            } else {
                reply(exchange, 404, error("NotFound", "unknown Runtime API path " + method + " " + path));
            }
        } catch (WrongMethod e) {
            // already answered
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = null;
        try {
            while (!closed && invocation == null) {
                invocation = queued.poll(200, TimeUnit.MILLISECONDS);
                if (invocation != null && invocation.future.isDone()) {
                    invocation = null; // failed before delivery (e.g. by an init error)
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            reply(exchange, 500, error("ServiceException", "the Lambda Runtime API emulator is closing"));
            return;
        }
        long deadline = clock.millis() + invocation.timeout.toMillis();
        invocation.delivered(deadline);
        Invocation delivered = invocation;
        timers.schedule(() -> delivered.fail(new InvocationOutcome("Sandbox.Timedout",
                        "Task timed out after " + String.format(Locale.ROOT, "%.2f",
                        delivered.timeout.toMillis() / 1000.0) + " seconds", null)),
                Math.max(0, deadline - clock.millis()), TimeUnit.MILLISECONDS);

        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", invocation.traceId);
        byte[] body = invocation.event.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void respond(HttpExchange exchange, String requestId, byte[] body) throws IOException {
        Invocation invocation = runningInvocation(exchange, requestId);
        if (invocation == null) {
            return;
        }
        if (body.length > MAX_PAYLOAD_BYTES) {
            invocation.fail(new InvocationOutcome("Function.ResponseSizeTooLarge",
                    "Response payload size (" + body.length + " bytes) exceeded maximum allowed payload size ("
                            + MAX_PAYLOAD_BYTES + " bytes).", null));
            reply(exchange, 413, error("RequestEntityTooLarge", "response of " + body.length + " bytes exceeds "
                    + MAX_PAYLOAD_BYTES));
            return;
        }
        if (!invocation.succeed(new String(body, StandardCharsets.UTF_8))) {
            reply(exchange, 400, error("InvalidStateTransition", "request " + requestId + " already ended: "
                    + invocation.state()));
            return;
        }
        reply(exchange, 202, "{\"status\":\"OK\"}");
    }

    private void functionError(HttpExchange exchange, String requestId, byte[] body) throws IOException {
        Invocation invocation = runningInvocation(exchange, requestId);
        if (invocation == null) {
            return;
        }
        if (!invocation.fail(parseError(exchange, body))) {
            reply(exchange, 400, error("InvalidStateTransition", "request " + requestId + " already ended: "
                    + invocation.state()));
            return;
        }
        reply(exchange, 202, "{\"status\":\"OK\"}");
    }

    private void initError(HttpExchange exchange, byte[] body) throws IOException {
        InvocationOutcome error = parseError(exchange, body);
        initError.set(error);
        InvocationOutcome failure = new InvocationOutcome("Runtime.InitError",
                "init failed: " + error.errorType() + ": " + error.errorMessage(), error.body());
        for (Invocation invocation : byRequestId.values()) {
            invocation.fail(failure);
        }
        reply(exchange, 202, "{\"status\":\"OK\"}");
    }

    /** The invocation this request ID names, if it is running; else answers 400 and returns null. */
    private Invocation runningInvocation(HttpExchange exchange, String requestId) throws IOException {
        Invocation invocation = byRequestId.get(requestId);
        if (invocation == null) {
            reply(exchange, 400, error("InvalidRequestID", "unknown request ID " + requestId));
            return null;
        }
        if (invocation.deadlineMs == 0 || invocation.future.isDone()) {
            reply(exchange, 400, error("InvalidStateTransition", "request " + requestId + " is "
                    + invocation.state() + "; it cannot take an outcome now"));
            return null;
        }
        return invocation;
    }

    private static InvocationOutcome parseError(HttpExchange exchange, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        String message = text;
        try {
            JsonNode json = JSON.readTree(text);
            if (json != null && json.isObject()) {
                type = json.path("errorType").asText(type);
                message = json.path("errorMessage").asText(text);
            }
        } catch (IOException e) {
            // not JSON: keep the raw body as the message
        }
        return new InvocationOutcome(type == null || type.isBlank() ? "Unhandled" : type, message, text);
    }

    private static void requireMethod(HttpExchange exchange, String method) throws IOException {
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().add("Allow", method);
            reply(exchange, 405, error("MethodNotAllowed", exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath() + " (expected " + method + ")"));
            throw new WrongMethod();
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String error(String type, String message) {
        return JSON.createObjectNode().put("errorMessage", message).put("errorType", type).toString();
    }

    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        String epoch = Long.toHexString(System.currentTimeMillis() / 1000);
        return "Root=1-" + epoch + "-" + HexFormat.of().formatHex(root) + ";Parent=" + HexFormat.of().formatHex(parent)
                + ";Sampled=0;Lineage=1:0:0";
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class WrongMethod extends RuntimeException {
        WrongMethod() {
            super(null, null, false, false);
        }
    }

    // ---------------------------------------------------------------------------------------- model

    /** The outcome of a failed invocation or init: Lambda's {@code errorType}, {@code errorMessage}, raw body. */
    public record InvocationOutcome(String errorType, String errorMessage, String body) {
    }

    /** One submitted invocation. */
    public static final class Invocation {
        private final String requestId;
        private final String event;
        private final Duration timeout;
        private final String traceId;
        private final CompletableFuture<String> future = new CompletableFuture<>();
        private volatile long deadlineMs;
        private volatile InvocationOutcome failure;

        private Invocation(String requestId, String event, Duration timeout, String traceId) {
            this.requestId = requestId;
            this.event = event;
            this.timeout = timeout;
            this.traceId = traceId;
        }

        public String requestId() {
            return requestId;
        }

        public String event() {
            return event;
        }

        public String traceId() {
            return traceId;
        }

        /** The deadline sent to the function (epoch ms); 0 while queued. */
        public long deadlineMs() {
            return deadlineMs;
        }

        public CompletableFuture<String> future() {
            return future;
        }

        /** queued, running, succeeded or failed. */
        public String state() {
            if (!future.isDone()) {
                return deadlineMs == 0 ? "queued" : "running";
            }
            return failure == null ? "succeeded" : "failed (" + failure.errorType() + ")";
        }

        private void delivered(long deadline) {
            this.deadlineMs = deadline;
        }

        /** False when the invocation already ended (timed out, or failed by an init error). */
        private synchronized boolean succeed(String response) {
            return future.complete(response);
        }

        private synchronized boolean fail(InvocationOutcome outcome) {
            if (future.isDone()) {
                return false;
            }
            failure = outcome;
            return future.completeExceptionally(new LambdaInvocationException(requestId, outcome));
        }
    }
}
