package io.airsync.airtable;

/**
 * An Airtable API error: the HTTP status (0 for transport failures), Airtable's error type
 * (UNKNOWN_FIELD_NAME, INVALID_VALUE_FOR_COLUMN, ROW_DOES_NOT_EXIST, ...) and its message. Never carries the token.
 * Subclasses by status: {@link AirtableRateLimitException} (429), {@link AirtableAuthException} (401/403),
 * {@link AirtableNotFoundException} (404), {@link AirtableValidationException} (422),
 * {@link AirtableServerException} (5xx), {@link AirtableTransportException} (0: resets, timeouts).
 * {@link AirtableErrors#exception} picks the right one.
 */
public class AirtableException extends RuntimeException {
    private final int status;
    private final String type;
    private final String airtableMessage;
    private final String request;

    public AirtableException(int status, String type, String message) {
        this(status, type, message, null, null);
    }

    public AirtableException(int status, String type, String message, Throwable cause) {
        this(status, type, message, null, cause);
    }

    /**
     * @param request what we were doing, e.g. "upsert into table 'Users' (records 11-20 of 35)"; null if unknown.
     *                Never holds the token.
     */
    public AirtableException(int status, String type, String message, String request, Throwable cause) {
        super(describe(status, type, message, request), cause);
        this.status = status;
        this.type = type;
        this.airtableMessage = message == null ? "" : message;
        this.request = request;
    }

    private static String describe(int status, String type, String message, String request) {
        StringBuilder s = new StringBuilder();
        if (request != null) {
            s.append(request).append(": ");
        }
        s.append(status).append(' ').append(type);
        if (message != null && !message.isEmpty()) {
            s.append(": ").append(message);
        }
        return s.toString();
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** Airtable's own message, without the status and type prefix (empty when Airtable sent none). */
    public String airtableMessage() {
        return airtableMessage;
    }

    /**
     * True when no further request of this run can succeed, so the run ends at once: the token was refused (401),
     * the token may not use the base (403 on the base as a whole), or the month's API calls are spent.
     */
    public boolean endsRun() {
        return status == 401 || status == 403;
    }

    /** What the client was doing when this happened, or null. */
    public String request() {
        return request;
    }
}
