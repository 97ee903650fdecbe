package io.airsync.airtable;

/** HTTP 422: Airtable refused the request's content (UNKNOWN_FIELD_NAME, INVALID_VALUE_FOR_COLUMN, ...). */
public class AirtableValidationException extends AirtableException {
    public AirtableValidationException(int status, String type, String message) {
        super(status, type, message);
    }

    public AirtableValidationException(int status, String type, String message, String request, Throwable cause) {
        super(status, type, message, request, cause);
    }
}
