package io.airsync.secrets;

/**
 * A secret Airsync needs is not configured or cannot be read. The message names the setting, its environment
 * variable or the secret reference, and the AWS error code; never the secret's value.
 */
public class MissingSecretException extends RuntimeException {
    public MissingSecretException(String message) {
        super(message);
    }

    public MissingSecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
