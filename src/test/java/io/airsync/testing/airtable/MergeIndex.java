package io.airsync.testing.airtable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records of one table by the values of the upsert merge fields, so an upsert finds its match without scanning the
 * table (benchmarks push hundreds of thousands of records through upserts). Built on first use of a merge-field
 * combination and kept up to date by every write to the table.
 */
final class MergeIndex {
    final List<String> fieldIds;
    private final Map<List<Object>, Set<String>> recordIdsByKey = new HashMap<>();

    MergeIndex(List<String> fieldIds, Collection<StoredRecord> records) {
        this.fieldIds = List.copyOf(fieldIds);
        records.forEach(this::add);
    }

    void add(StoredRecord r) {
        List<Object> key = key(r.cells);
        if (key != null) {
            recordIdsByKey.computeIfAbsent(key, k -> new LinkedHashSet<>(2)).add(r.id);
        }
    }

    void remove(StoredRecord r) {
        List<Object> key = key(r.cells);
        if (key != null) {
            Set<String> ids = recordIdsByKey.get(key);
            if (ids != null) {
                ids.remove(r.id);
                if (ids.isEmpty()) {
                    recordIdsByKey.remove(key);
                }
            }
        }
    }

    Set<String> find(Map<String, Object> cells) {
        List<Object> key = key(cells);
        return key == null ? Set.of() : recordIdsByKey.getOrDefault(key, Set.of());
    }

    /** Key over the merge fields; null when any merge field is empty (such records never match). */
    List<Object> key(Map<String, Object> cells) {
        List<Object> key = new ArrayList<>(fieldIds.size());
        for (String fieldId : fieldIds) {
            Object v = cells.get(fieldId);
            if (v == null) {
                return null;
            }
            key.add(canonical(v));
        }
        return key;
    }

    private static Object canonical(Object v) {
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            l.forEach(x -> c.add(canonical(x)));
            return c;
        }
        return v;
    }
}
