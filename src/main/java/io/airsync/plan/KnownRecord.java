package io.airsync.plan;

import io.airsync.convert.Fingerprints;
import io.airsync.convert.ValueNormalizer;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.TableMapping;
import java.util.List;
import java.util.Map;

/**
 * What Airsync knows of one Airtable record without holding its values: its ID, a 64-bit hash of all mapped values
 * and a 32-bit hash per mapped field (aligned with the table's field order). It comes either from state (what was
 * last written) or from reading the record back from Airtable.
 */
public record KnownRecord(String recordId, long recordHash, int[] fieldHashes) {

    /** What Airsync knows of a record from its canonical values in the table's field order. */
    public static KnownRecord fingerprint(String recordId, List<String> canonicalsInFieldOrder) {
        int[] hashes = Fingerprints.fieldHashes(canonicalsInFieldOrder);
        return new KnownRecord(recordId, Fingerprints.recordHash(hashes), hashes);
    }

    /**
     * Fingerprints a record read back from Airtable: {@code airtableFields} is keyed by Airtable field name as the
     * API returns it (a field missing from the map is empty: Airtable omits empty cells). Hashes follow
     * {@code table.fields()} order. Link fields hold Airtable record IDs there, so the planner fingerprints its own
     * link values after turning keys into record IDs.
     */
    public static KnownRecord fingerprint(String recordId, TableMapping table, Map<String, Object> airtableFields,
                                          ValueNormalizer normalizer) {
        List<FieldMapping> fields = table.fields();
        int[] hashes = new int[fields.size()];
        for (int i = 0; i < hashes.length; i++) {
            FieldMapping f = fields.get(i);
            Object value = airtableFields == null ? null : airtableFields.get(f.airtable());
            hashes[i] = Fingerprints.fieldHash(normalizer.canonical(f.type(), value));
        }
        return new KnownRecord(recordId, Fingerprints.recordHash(hashes), hashes);
    }
}
