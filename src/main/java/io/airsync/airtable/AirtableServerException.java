package io.airsync.airtable;

/** HTTP 5xx: Airtable failed; retried with backoff. */
public class AirtableServerException extends AirtableException {
    public AirtableServerException(int status, String type, String message) {
        super(status, type, message);
    }

    public AirtableServerException(int status, String type, String message, String request, Throwable cause) {
        super(status, type, message, request, cause);
    }
}
