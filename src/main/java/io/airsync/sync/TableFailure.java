package io.airsync.sync;

import io.airsync.plan.KnownRecord;
import java.util.Map;

/**
 * The table cannot be synced; the message says why. Other tables go on. When the table failed after writes, it
 * carries what they taught (record IDs and hashes of what landed, on top of the state loaded), so that state is saved
 * and the next run neither recreates nor rewrites those records.
 */
final class TableFailure extends RuntimeException {

    private final transient Map<String, KnownRecord> records;

    TableFailure(String message) {
        this(message, null, null);
    }

    TableFailure(String message, Throwable cause, Map<String, KnownRecord> records) {
        super(message, cause);
        this.records = records;
    }

    /** The table's state as far as it got (to be saved), or null when nothing was learned. */
    Map<String, KnownRecord> records() {
        return records;
    }
}
