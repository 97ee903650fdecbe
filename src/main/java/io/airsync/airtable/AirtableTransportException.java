package io.airsync.airtable;

/** Status 0: no HTTP answer (connection refused or reset, timeout); retried with backoff. */
public class AirtableTransportException extends AirtableException {
    public AirtableTransportException(int status, String type, String message) {
        super(status, type, message);
    }

    public AirtableTransportException(int status, String type, String message, String request, Throwable cause) {
        super(status, type, message, request, cause);
    }
}
