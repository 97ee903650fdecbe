package io.airsync.lambda;

/**
 * The function's own configuration cannot be used (today: the mapping cannot be loaded or is invalid). Unlike a
 * refused payload, this is not the caller's mistake and no invocation can succeed until an operator fixes it, so it
 * fails the invocation: Lambda counts it in its {@code Errors} metric and sends a failed asynchronous event to the
 * failure destination. The message names the problem (file, line, table, field), never a secret.
 */
public class UnusableConfigurationException extends RuntimeException {
    public UnusableConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
