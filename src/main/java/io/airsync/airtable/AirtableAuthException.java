package io.airsync.airtable;

/** HTTP 401/403: the token is missing, invalid, or lacks access to the base or table. */
public class AirtableAuthException extends AirtableException {
    public AirtableAuthException(int status, String type, String message) {
        super(status, type, message);
    }

    public AirtableAuthException(int status, String type, String message, String request, Throwable cause) {
        super(status, type, message, request, cause);
    }
}
