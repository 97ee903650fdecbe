package io.airsync.airtable;

/** HTTP 429: the base's rate limit was hit (RATE_LIMIT_REACHED); Airtable refuses requests to the base for 30 s. */
public class AirtableRateLimitException extends AirtableException {
    public AirtableRateLimitException(int status, String type, String message) {
        super(status, type, message);
    }

    public AirtableRateLimitException(int status, String type, String message, String request, Throwable cause) {
        super(status, type, message, request, cause);
    }
}
