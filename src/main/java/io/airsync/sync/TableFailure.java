package io.airsync.sync;

/** The table cannot be synced; the message says why. Other tables go on. */
final class TableFailure extends RuntimeException {
    TableFailure(String message) {
        super(message);
    }
}
