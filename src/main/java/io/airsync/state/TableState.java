package io.airsync.state;

import io.airsync.plan.KnownRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The saved state of one table: for every MongoDB {@code _id} (hex) the Airtable record ID and the hashes of the
 * values last written. {@code fieldNames} is the field order the hashes are aligned with when saved; a loader
 * re-aligns to the current mapping (an unknown field gets hash 0, which never equals a real hash).
 */
public final class TableState {
    private final List<String> fieldNames;
    private final Map<String, KnownRecord> records;
    private final boolean exists;
    private final String unreadable;

    public TableState(List<String> fieldNames, Map<String, KnownRecord> records, boolean exists) {
        this(fieldNames, records, exists, null);
    }

    private TableState(List<String> fieldNames, Map<String, KnownRecord> records, boolean exists, String unreadable) {
        this.fieldNames = List.copyOf(fieldNames);
        this.records = records;
        this.exists = exists;
        this.unreadable = unreadable;
    }

    public static TableState empty(List<String> fieldNames) {
        return new TableState(fieldNames, new java.util.concurrent.ConcurrentHashMap<>(), false);
    }

    /**
     * Saved state that could not be read (cut short, corrupted, an unknown version): treated as none, so the run
     * reads the table back from Airtable and adopts its records by key. {@code reason} says what was wrong and where.
     */
    public static TableState unreadable(List<String> fieldNames, String reason) {
        return new TableState(fieldNames, new java.util.concurrent.ConcurrentHashMap<>(), false, reason);
    }

    /** Why the saved state was unusable (the run warns about it), or null when it was read or never saved. */
    public String unreadable() {
        return unreadable;
    }

    public List<String> fieldNames() {
        return fieldNames;
    }

    /** Mutable: the engine updates it as records are written. */
    public Map<String, KnownRecord> records() {
        return records;
    }

    /** False when the table was never synced (the run must read Airtable to match). */
    public boolean exists() {
        return exists;
    }
}
