package io.airsync.testing.lambda;

import io.airsync.testing.lambda.LambdaRuntimeApiEmulator.InvocationOutcome;

/**
 * A failed invocation, as Lambda reports it to the invoker: the function's error ({@code errorType} from its
 * error body, e.g. {@code java.lang.IllegalArgumentException}), {@code Runtime.InitError},
 * {@code Sandbox.Timedout}, {@code Function.ResponseSizeTooLarge} or {@code RequestTooLargeException}.
 */
public final class LambdaInvocationException extends RuntimeException {

    private final String requestId;
    private final InvocationOutcome outcome;

    public LambdaInvocationException(String requestId, InvocationOutcome outcome) {
        super(outcome.errorType() + ": " + outcome.errorMessage() + " (request " + requestId + ")");
        this.requestId = requestId;
        this.outcome = outcome;
    }

    public String requestId() {
        return requestId;
    }

    public String errorType() {
        return outcome.errorType();
    }

    public String errorMessage() {
        return outcome.errorMessage();
    }

    /** The error body the function posted (JSON with errorMessage, errorType, stackTrace), or null. */
    public String body() {
        return outcome.body();
    }
}
