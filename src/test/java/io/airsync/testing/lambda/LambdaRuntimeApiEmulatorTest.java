package io.airsync.testing.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives the emulator with a tiny runtime client, doing what a Lambda runtime (Quarkus's poll loop) does over HTTP.
 */
class LambdaRuntimeApiEmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();
    private LambdaRuntimeApiEmulator emulator;
    private String base;

    @BeforeEach
    void start() {
        emulator = LambdaRuntimeApiEmulator.start();
        base = "http://" + emulator.runtimeApi() + "/2018-06-01/runtime";
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** One turn of a runtime loop: take the next event and answer it with {@code answer(event)}. */
    private record Delivered(String requestId, long deadlineMs, String arn, String traceId, String event) {
    }

    private Delivered next() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/invocation/next"))
                .timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return new Delivered(
                response.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow(),
                Long.parseLong(response.headers().firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow()),
                response.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElseThrow(),
                response.headers().firstValue("Lambda-Runtime-Trace-Id").orElseThrow(),
                response.body());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deliversEventsInOrderAndReturnsResponses() throws Exception {
        long before = System.currentTimeMillis();
        CompletableFuture<String> first = emulator.submit("{\"source\":\"airsync.schedule\"}", Duration.ofMinutes(15));
        CompletableFuture<String> second = emulator.submit("{\"dryRun\":true}", Duration.ofMinutes(15));
        assertEquals(2, emulator.queuedCount());

        Delivered one = next();
        assertEquals("{\"source\":\"airsync.schedule\"}", one.event());
        assertTrue(one.deadlineMs() >= before + Duration.ofMinutes(15).toMillis(), "deadline = delivery + timeout");
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:airsync", one.arn());
        assertTrue(one.traceId().matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0.*"), one.traceId());
        assertEquals("running", emulator.history().get(0).state());
        assertEquals(202, post("/invocation/" + one.requestId() + "/response", "{\"status\":\"ok\"}").statusCode());
        assertEquals("{\"status\":\"ok\"}", first.get(30, TimeUnit.SECONDS));

        Delivered two = next();
        assertEquals("{\"dryRun\":true}", two.event());
        assertNotEquals(one.requestId(), two.requestId());
        post("/invocation/" + two.requestId() + "/response", "\"done\"");
        assertEquals("\"done\"", second.get(30, TimeUnit.SECONDS));

        assertEquals(List.of("succeeded", "succeeded"), emulator.history().stream().map(i -> i.state()).toList());
        assertEquals(400, post("/invocation/" + one.requestId() + "/response", "{}").statusCode(), "answered twice");
        assertEquals(400, post("/invocation/no-such-id/response", "{}").statusCode());
    }

    @Test
    void nextWaitsUntilAnEventIsSubmitted() throws Exception {
        CompletableFuture<Delivered> polling = CompletableFuture.supplyAsync(() -> {
            try {
                return next();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertTrue(!polling.isDone(), "long poll holds while nothing is queued");
        CompletableFuture<String> result = emulator.submit("{}", Duration.ofSeconds(30));
        Delivered delivered = polling.get(30, TimeUnit.SECONDS);
        post("/invocation/" + delivered.requestId() + "/response", "{\"ok\":true}");
        assertEquals("{\"ok\":true}", result.get(30, TimeUnit.SECONDS));
    }

    @Test
    void functionErrorsFailTheInvocation() throws Exception {
        CompletableFuture<String> result = emulator.submit("{\"dryRun\":\"yes\"}", Duration.ofMinutes(1));
        Delivered delivered = next();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/invocation/" + delivered.requestId() + "/error"))
                .header("Lambda-Runtime-Function-Error-Type", "Unhandled")
                .POST(HttpRequest.BodyPublishers.ofString("{\"errorType\":\"io.airsync.InvalidPayloadException\","
                        + "\"errorMessage\":\"dryRun must be a boolean, got \\\"yes\\\"\",\"stackTrace\":[]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode());

        ExecutionException failed = assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
        LambdaInvocationException error = assertInstanceOf(LambdaInvocationException.class, failed.getCause());
        assertEquals("io.airsync.InvalidPayloadException", error.errorType());
        assertEquals("dryRun must be a boolean, got \"yes\"", error.errorMessage());
        assertEquals(delivered.requestId(), error.requestId());
        assertTrue(error.body().contains("stackTrace"));
    }

    @Test
    void aMissedDeadlineTimesOutAndLateAnswersAreRefused() throws Exception {
        CompletableFuture<String> result = emulator.submit("{}", Duration.ofMillis(200));
        Delivered delivered = next();
        ExecutionException failed = assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
        LambdaInvocationException error = assertInstanceOf(LambdaInvocationException.class, failed.getCause());
        assertEquals("Sandbox.Timedout", error.errorType());
        assertTrue(error.errorMessage().startsWith("Task timed out after 0.20 seconds"), error.errorMessage());
        assertEquals(400, post("/invocation/" + delivered.requestId() + "/response", "{}").statusCode());
    }

    @Test
    void initErrorFailsWhatIsWaiting() throws Exception {
        CompletableFuture<String> waiting = emulator.submit("{}", Duration.ofMinutes(1));
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + "/init/error"))
                .header("Lambda-Runtime-Function-Error-Type", "Runtime.ConfigError")
                .POST(HttpRequest.BodyPublishers.ofString("{\"errorType\":\"ConfigError\","
                        + "\"errorMessage\":\"airsync.airtable.base-id is not set\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode());
        ExecutionException failed = assertThrows(ExecutionException.class, () -> waiting.get(30, TimeUnit.SECONDS));
        LambdaInvocationException error = assertInstanceOf(LambdaInvocationException.class, failed.getCause());
        assertEquals("Runtime.InitError", error.errorType());
        assertTrue(error.errorMessage().contains("airsync.airtable.base-id is not set"));
        assertEquals("ConfigError", emulator.initError().orElseThrow().errorType());
    }

    @Test
    void payloadLimitsAreLambdas() throws Exception {
        String huge = "\"" + "x".repeat(LambdaRuntimeApiEmulator.MAX_PAYLOAD_BYTES) + "\"";
        ExecutionException tooBig = assertThrows(ExecutionException.class,
                () -> emulator.submit(huge, Duration.ofMinutes(1)).get(30, TimeUnit.SECONDS));
        assertEquals("RequestTooLargeException", ((LambdaInvocationException) tooBig.getCause()).errorType());

        CompletableFuture<String> result = emulator.submit("{}", Duration.ofMinutes(1));
        Delivered delivered = next();
        assertEquals(413, post("/invocation/" + delivered.requestId() + "/response", huge).statusCode());
        ExecutionException failed = assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
        assertEquals("Function.ResponseSizeTooLarge", ((LambdaInvocationException) failed.getCause()).errorType());
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertEquals(404, post("/invocation/next/extra", "{}").statusCode());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create("http://" + emulator.runtimeApi() + "/other")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(405, post("/invocation/next", "{}").statusCode());
    }

    @Test
    void environmentPointsAFunctionProcessHere() {
        assertEquals(emulator.runtimeApi(), emulator.environment().get("AWS_LAMBDA_RUNTIME_API"));
        assertEquals("airsync", emulator.environment().get("AWS_LAMBDA_FUNCTION_NAME"));
        List<String> keys = new ArrayList<>(emulator.environment().keySet());
        assertTrue(keys.contains("AWS_REGION"));
    }
}
