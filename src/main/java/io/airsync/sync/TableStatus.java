package io.airsync.sync;

import java.util.Arrays;
import java.util.Locale;

/** How one table of a run ended. Summaries, reports and checkpoints carry {@link #wire()} (lower case). */
public enum TableStatus {
    /** Not reached (yet). */
    PENDING,
    /** Synced, no record failed. */
    SUCCEEDED,
    /** Synced, some records failed. */
    PARTIAL,
    /** The table could not be synced (schema, Airtable refusing writes...); the error says why. */
    FAILED,
    /** The time budget ran out in this table: the next invocation continues it. */
    CONTINUED,
    /** A dry run ran out of time here: its plan is incomplete. */
    STOPPED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TableStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown table status '" + wire + "'"));
    }
}
