package io.airsync.lambda;

/** The invocation payload is not one Airsync accepts; the message names the problem. No sync starts. */
public class InvalidInvocationException extends RuntimeException {
    public InvalidInvocationException(String message) {
        super(message);
    }
}
