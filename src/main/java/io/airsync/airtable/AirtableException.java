package io.airsync.airtable;

/**
 * An Airtable API error: the HTTP status (0 for transport failures), Airtable's error type
 * (UNKNOWN_FIELD_NAME, INVALID_VALUE_FOR_COLUMN, ROW_DOES_NOT_EXIST, ...) and its message. Never carries the token.
 * Subclasses (to be added by the client work): AirtableRateLimitException (429), AirtableAuthException (401/403),
 * AirtableNotFoundException (404), AirtableValidationException (422), AirtableServerException (5xx),
 * AirtableTransportException (resets, timeouts).
 */
public class AirtableException extends RuntimeException {
    private final int status;
    private final String type;

    public AirtableException(int status, String type, String message) {
        super(status + " " + type + ": " + message);
        this.status = status;
        this.type = type;
    }

    public AirtableException(int status, String type, String message, Throwable cause) {
        super(status + " " + type + ": " + message, cause);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** Airtable's own message, without the status and type prefix. */
    public String airtableMessage() {
        String m = getMessage();
        int i = m.indexOf(": ");
        return i < 0 ? m : m.substring(i + 2);
    }
}
