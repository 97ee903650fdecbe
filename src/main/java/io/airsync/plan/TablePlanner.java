package io.airsync.plan;

import io.airsync.convert.Fingerprints;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Decides, record by record, what one table needs: create, update (changed fields only), or nothing. Pure: no I/O,
 * fed one {@link SourceRecord} at a time so memory holds only what matching needs.
 *
 * <p>Matching, in order: the record ID known for this MongoDB {@code _id} (state, or the key field read back from
 * Airtable); the natural key of a row that has no key yet; otherwise create. When Airtable was read back (no state
 * yet, or a reconcile run), what Airtable holds is the truth the values are compared with; otherwise the hashes of
 * what was last written.
 */
public final class TablePlanner {

    private final List<String> fieldNames;
    private final String keyField;
    private final Map<String, KnownRecord> state;
    private final AirtableIndex airtable;
    /** The first source document of each natural key (by 64-bit hash), to name it when another has the same key. */
    private final Map<Long, String> firstWithNaturalKey = new HashMap<>();

    /**
     * @param fieldNames the mapped Airtable field names, in the order of the records' arrays
     * @param keyField   the Airtable field holding the MongoDB id
     * @param state      what was last written, by MongoDB id (never null; may be empty)
     * @param airtable   what Airtable holds now, or null when it was not read (state is trusted)
     */
    public TablePlanner(List<String> fieldNames, String keyField, Map<String, KnownRecord> state, AirtableIndex airtable) {
        this.fieldNames = List.copyOf(fieldNames);
        this.keyField = keyField;
        this.state = state;
        this.airtable = airtable;
    }

    /** Decides for one record; problems that do not fail it (a duplicate natural key) go to {@code problems}. */
    public Decision decide(SourceRecord r, Consumer<SourceRecord.Problem> problems) {
        if (r.failed()) {
            return new Decision.Fail(r.mongoId(), r.failure());
        }
        String first = r.naturalKey() == null ? null
                : firstWithNaturalKey.putIfAbsent(hash64(r.naturalKey()), r.mongoId());
        boolean duplicateNaturalKey = first != null;
        if (duplicateNaturalKey) {
            problems.accept(new SourceRecord.Problem(null, ProblemKind.DUPLICATE_NATURAL_KEY,
                    "source document " + first + " has the same natural key; both are synced as separate records"));
        }

        KnownRecord known = airtable != null ? airtable.byMongoId(r.mongoId()) : state.get(r.mongoId());
        boolean adopted = false;
        if (known == null && airtable != null && !duplicateNaturalKey) {
            known = airtable.adoptable(r.naturalKey());
            if (known != null) {
                airtable.claim(r.naturalKey());
                adopted = true;
            } else if (airtable.ambiguous(r.naturalKey())) {
                problems.accept(new SourceRecord.Problem(null, ProblemKind.AMBIGUOUS_NATURAL_KEY,
                        "several Airtable rows without a key share this natural key; none adopted, a new record is created"));
            }
        }
        if (known == null) {
            return new Decision.Create(r.mongoId(), createFields(r));
        }
        Map<String, Object> changed = changedFields(r, known);
        if (adopted) {
            changed.put(keyField, r.mongoId());
        }
        if (changed.isEmpty()) {
            return new Decision.Unchanged(r.mongoId(), known.recordId());
        }
        return new Decision.Update(r.mongoId(), known.recordId(), changed, adopted);
    }

    /**
     * What Airsync knows of the record once {@code r} is written to {@code recordId}: written fields take their new
     * hashes, fields not written keep what was known (empty for a new record).
     */
    public KnownRecord written(SourceRecord r, String recordId) {
        KnownRecord before = airtable != null ? airtable.byMongoId(r.mongoId()) : state.get(r.mongoId());
        int[] hashes = new int[fieldNames.size()];
        for (int i = 0; i < hashes.length; i++) {
            if (r.writable()[i]) {
                hashes[i] = r.fieldHashes()[i];
            } else {
                hashes[i] = before != null && before.recordId().equals(recordId) ? before.fieldHashes()[i] : Fingerprints.EMPTY_HASH;
            }
        }
        return new KnownRecord(recordId, Fingerprints.recordHash(hashes), hashes);
    }

    /** The record as Airtable holds it now (for unchanged records read back on reconcile, to refresh state). */
    public KnownRecord known(String mongoId) {
        return airtable != null ? airtable.byMongoId(mongoId) : state.get(mongoId);
    }

    /** Every value a new record gets: the key field and each writable, non-empty mapped value. */
    public Map<String, Object> createFields(SourceRecord r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(keyField, r.mongoId());
        for (int i = 0; i < fieldNames.size(); i++) {
            if (r.writable()[i] && r.values()[i] != null) {
                fields.put(fieldNames.get(i), r.values()[i]);
            }
        }
        return fields;
    }

    private Map<String, Object> changedFields(SourceRecord r, KnownRecord known) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int[] before = known.fieldHashes();
        for (int i = 0; i < fieldNames.size(); i++) {
            if (r.writable()[i] && r.fieldHashes()[i] != before[i]) {
                // null clears the cell in a PATCH
                fields.put(fieldNames.get(i), r.values()[i]);
            }
        }
        return fields;
    }

    private static long hash64(String s) {
        return MurmurHash3.hash128x64(s.getBytes(StandardCharsets.UTF_8))[0];
    }
}
