package io.airsync.state;

/**
 * A checkpoint exists but cannot be used (not JSON, a format this version does not read, a resume point without its
 * type). The run ignores it, with a warning, and starts over: tables with state are read, not rewritten.
 */
public class UnreadableCheckpointException extends StateStoreException {
    public UnreadableCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
