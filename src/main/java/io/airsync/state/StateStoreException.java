package io.airsync.state;

/** The state store could not be read or written; the message says which store and what failed. */
public class StateStoreException extends RuntimeException {
    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
