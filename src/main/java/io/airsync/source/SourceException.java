package io.airsync.source;

/** The source database could not be read; the message never contains the URI or its credentials. */
public class SourceException extends RuntimeException {
    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
