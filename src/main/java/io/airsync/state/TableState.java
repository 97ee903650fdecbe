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

    public TableState(List<String> fieldNames, Map<String, KnownRecord> records, boolean exists) {
        this.fieldNames = List.copyOf(fieldNames);
        this.records = records;
        this.exists = exists;
    }

    public static TableState empty(List<String> fieldNames) {
        return new TableState(fieldNames, new java.util.concurrent.ConcurrentHashMap<>(), false);
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
