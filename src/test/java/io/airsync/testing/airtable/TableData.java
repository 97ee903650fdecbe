package io.airsync.testing.airtable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The records of one table, in creation order, indexed by ID. Guarded by the owning base's lock. */
final class TableData {
    final TableDef def;
    final LinkedHashMap<String, StoredRecord> records = new LinkedHashMap<>();
    long nextAutoNumber = 1;
    final List<MergeIndex> mergeIndexes = new ArrayList<>(1);

    TableData(TableDef def) {
        this.def = def;
    }

    /** The index over these merge fields, built on first use. */
    MergeIndex mergeIndex(List<String> fieldIds) {
        for (MergeIndex index : mergeIndexes) {
            if (index.fieldIds.equals(fieldIds)) {
                return index;
            }
        }
        MergeIndex index = new MergeIndex(fieldIds, records.values());
        mergeIndexes.add(index);
        return index;
    }

    void indexRemove(StoredRecord r) {
        for (MergeIndex index : mergeIndexes) {
            index.remove(r);
        }
    }

    void indexAdd(StoredRecord r) {
        for (MergeIndex index : mergeIndexes) {
            index.add(r);
        }
    }

    /** Map of field ID to its definition, for cells kept across a schema change. */
    Map<String, FieldDef> fieldsById() {
        Map<String, FieldDef> m = new LinkedHashMap<>();
        def.fields.forEach(f -> m.put(f.id, f));
        return m;
    }
}
