package io.airsync.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What was read back from Airtable for one table (when there is no state, or on reconcile), kept as fingerprints
 * only: by key field value (MongoDB id), and, for rows without a key, by normalised natural key. Rows that share a
 * key are remembered as ambiguous, never merged.
 */
public final class AirtableIndex {
    private final Map<String, KnownRecord> byMongoId = new HashMap<>();
    private final Map<String, KnownRecord> byNaturalKey = new HashMap<>();
    private final Map<String, Integer> naturalKeyCount = new HashMap<>();
    private final List<String> duplicateKeyRecords = new ArrayList<>();
    private long rows;

    /** Adds one Airtable row: {@code mongoId} from its key field (null when empty), {@code naturalKey} normalised. */
    public void add(String mongoId, String naturalKey, KnownRecord record) {
        rows++;
        if (mongoId != null) {
            if (byMongoId.putIfAbsent(mongoId, record) != null) {
                duplicateKeyRecords.add(record.recordId());
            }
            return;
        }
        if (naturalKey != null) {
            naturalKeyCount.merge(naturalKey, 1, Integer::sum);
            byNaturalKey.putIfAbsent(naturalKey, record);
        }
    }

    public KnownRecord byMongoId(String mongoId) {
        return byMongoId.get(mongoId);
    }

    /** The unkeyed row with this natural key, unless several rows share it (then null: ambiguous). */
    public KnownRecord adoptable(String naturalKey) {
        if (naturalKey == null || naturalKeyCount.getOrDefault(naturalKey, 0) != 1) {
            return null;
        }
        return byNaturalKey.get(naturalKey);
    }

    public boolean ambiguous(String naturalKey) {
        return naturalKey != null && naturalKeyCount.getOrDefault(naturalKey, 0) > 1;
    }

    /** Marks an unkeyed row as taken, so a second source document with the same natural key cannot adopt it too. */
    public void claim(String naturalKey) {
        naturalKeyCount.put(naturalKey, -1);
    }

    public Map<String, KnownRecord> keyed() {
        return byMongoId;
    }

    /** Record IDs of rows whose key field repeats another row's: reported, left alone. */
    public List<String> duplicateKeyRecords() {
        return duplicateKeyRecords;
    }

    public long rows() {
        return rows;
    }
}
