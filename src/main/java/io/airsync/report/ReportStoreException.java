package io.airsync.report;

/** The report store could not be reached or written; the message names the bucket or folder and what failed. */
public class ReportStoreException extends RuntimeException {
    public ReportStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
