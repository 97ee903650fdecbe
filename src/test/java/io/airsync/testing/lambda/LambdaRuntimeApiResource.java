package io.airsync.testing.lambda;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every {@code @QuarkusTest} application gets a Lambda Runtime API of its own ({@link LambdaRuntimeApiEmulator}),
 * started with the application and stopped with it: the application's runtime poll loop (Quarkus'
 * {@code AbstractLambdaPollLoop}) long-polls this emulator and nothing else.
 *
 * <p>Why not Quarkus' mock event server ({@code quarkus.lambda.mock-event-server}, off in {@code %test}): it is a dev
 * service shared by the applications the suite starts in turn, and a short-lived earlier application's last
 * {@code next} poll could still be waiting on it when the next application posted an event; the dead poll took the
 * event and the test waited for an answer that never came (CI: {@code SyncEngineTest} "Read timed out"). With one
 * emulator per application there is no other poller to take an event.
 *
 * <p>Global ({@link TestResourceScope#GLOBAL}): every application has it, so it never makes two test classes' resource
 * sets differ (no extra restarts). Tests reach the current application's emulator through {@link #emulator()} (the
 * applications run one after another) and invoke through {@link #invoke(String)}.
 */
@WithTestResource(value = LambdaRuntimeApiResource.class, scope = TestResourceScope.GLOBAL)
public class LambdaRuntimeApiResource implements QuarkusTestResourceLifecycleManager {

    /**
     * The function's timeout, as Lambda's deadline header tells it: the Lambda maximum (and the Terraform default),
     * so a run sees the deadline a deployed function sees.
     */
    public static final Duration FUNCTION_TIMEOUT = Duration.ofMinutes(15);
    /**
     * How long a test waits for one invocation's answer before failing with what the emulator knows of it. A hang
     * guard, not a performance limit: a test's invocation takes seconds; minutes mean something is stuck.
     */
    public static final Duration HANG_GUARD = Duration.ofMinutes(5);

    /** Quarkus' Lambda runtime reads the Runtime API address from here in tests (before AWS_LAMBDA_RUNTIME_API). */
    static final String RUNTIME_API_KEY = "quarkus-internal.aws-lambda.test-api";

    private static volatile LambdaRuntimeApiEmulator emulator;

    @Override
    public Map<String, String> start() {
        LambdaRuntimeApiEmulator started = LambdaRuntimeApiEmulator.start();
        emulator = started;
        return Map.of(RUNTIME_API_KEY, started.runtimeApi());
    }

    @Override
    public void stop() {
        LambdaRuntimeApiEmulator running = emulator;
        emulator = null;
        if (running != null) {
            running.close();
        }
    }

    /** The running application's Runtime API. */
    public static LambdaRuntimeApiEmulator emulator() {
        LambdaRuntimeApiEmulator running = emulator;
        if (running == null) {
            throw new IllegalStateException("no Lambda Runtime API emulator: is this a @QuarkusTest?");
        }
        return running;
    }

    /**
     * A synchronous invoke of the running application's function with {@code payload} as the raw event: the answer
     * as Lambda's Invoke API gives it (the response body, or the function's error body).
     */
    public static Answer invoke(String payload) {
        LambdaRuntimeApiEmulator api = emulator();
        CompletableFuture<String> response = api.submit(payload, FUNCTION_TIMEOUT);
        try {
            return new Answer(true, response.get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LambdaInvocationException failed) {
                return new Answer(false, failed.body() == null ? "" : failed.body(), failed);
            }
            throw new IllegalStateException("the invocation failed in the emulator", e.getCause());
        } catch (TimeoutException e) {
            response.cancel(false);
            throw new AssertionError("no answer from the function after " + HANG_GUARD.toMinutes() + " minutes "
                    + "(hang guard); the Lambda Runtime API emulator's invocations: " + describe(api), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the function", e);
        }
    }

    private static String describe(LambdaRuntimeApiEmulator api) {
        StringBuilder text = new StringBuilder();
        for (LambdaRuntimeApiEmulator.Invocation invocation : api.history()) {
            text.append("\n  ").append(invocation.requestId()).append(": ").append(invocation.state());
        }
        return text.append("\n  (queued: never taken by the application's poll loop; running: taken, no outcome)")
                .toString();
    }

    /**
     * One invocation's answer: {@code succeeded} with the response body, or the function's error body (JSON with
     * {@code errorType} and {@code errorMessage}) and the failure.
     */
    public record Answer(boolean succeeded, String body, LambdaInvocationException failure) {
    }
}
