package io.airsync.airtable;

/** HTTP 404: base, table or record not found (NOT_FOUND, TABLE_NOT_FOUND, MODEL_ID_NOT_FOUND). */
public class AirtableNotFoundException extends AirtableException {
    public AirtableNotFoundException(int status, String type, String message) {
        super(status, type, message);
    }

    public AirtableNotFoundException(int status, String type, String message, String request, Throwable cause) {
        super(status, type, message, request, cause);
    }
}
