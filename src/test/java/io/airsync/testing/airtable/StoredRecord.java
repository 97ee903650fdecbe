package io.airsync.testing.airtable;

import java.util.HashMap;
import java.util.Map;

/** One record. Cells hold only non-empty, frozen (immutable) values, keyed by field ID. Guarded by the base lock. */
final class StoredRecord {
    final String id;
    final long createdMillis;
    final long autoNumber;
    long modifiedMillis;
    final Map<String, Object> cells;

    StoredRecord(String id, long createdMillis, long autoNumber) {
        this(id, createdMillis, autoNumber, new HashMap<>(8));
    }

    StoredRecord(String id, long createdMillis, long autoNumber, Map<String, Object> cells) {
        this.id = id;
        this.createdMillis = createdMillis;
        this.modifiedMillis = createdMillis;
        this.autoNumber = autoNumber;
        this.cells = cells;
    }

    /** Sets or (for null) clears one cell. */
    void put(String fieldId, Object value) {
        if (value == null) {
            cells.remove(fieldId);
        } else {
            cells.put(fieldId, value);
        }
    }
}
