package io.airsync.lambda;

import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.SyncMapping;
import io.airsync.mapping.TableMapping;
import io.airsync.testing.airtable.AirtableEmulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a base holds, independent of record IDs: per table, key field value to field values, with link cells turned
 * from record IDs into the linked records' keys. Two runs that wrote the same data give equal contents.
 */
record AirtableContent(Map<String, Map<String, Map<String, Object>>> tables, List<String> duplicateKeys) {

    @SuppressWarnings("unchecked")
    static AirtableContent of(AirtableEmulator airtable, String baseId, SyncMapping mapping) {
        Map<String, String> keyOfRecord = new HashMap<>();
        Map<String, List<Map<String, Object>>> rows = new TreeMap<>();
        for (TableMapping t : mapping.tables()) {
            List<Map<String, Object>> records = airtable.records(baseId, t.airtableTable());
            rows.put(t.name(), records);
            for (Map<String, Object> r : records) {
                Object key = ((Map<String, Object>) r.get("fields")).get(t.keyField());
                keyOfRecord.put(String.valueOf(r.get("id")), String.valueOf(key));
            }
        }
        Map<String, Map<String, Map<String, Object>>> tables = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        for (TableMapping t : mapping.tables()) {
            Map<String, Map<String, Object>> byKey = new TreeMap<>();
            for (Map<String, Object> r : rows.get(t.name())) {
                Map<String, Object> fields = new TreeMap<>((Map<String, Object>) r.get("fields"));
                for (Map.Entry<String, Object> cell : fields.entrySet()) {
                    if (cell.getValue() instanceof List<?> values && !values.isEmpty()
                            && values.stream().allMatch(v -> keyOfRecord.containsKey(String.valueOf(v)))) {
                        List<String> keys = values.stream().map(v -> keyOfRecord.get(String.valueOf(v))).toList();
                        // Links we write keep their order; the inverse links Airtable keeps follow write timing.
                        boolean mapped = t.field(cell.getKey()).map(FieldMapping::isLink).orElse(false);
                        cell.setValue(mapped ? keys : keys.stream().sorted().toList());
                    }
                }
                String key = String.valueOf(fields.get(t.keyField()));
                if (byKey.put(key, fields) != null) {
                    duplicates.add(t.name() + " " + key);
                }
            }
            tables.put(t.name(), byKey);
        }
        return new AirtableContent(tables, duplicates);
    }

    int size(String table) {
        return tables.get(table).size();
    }

    /** The first few differences from {@code other}, readable; empty when equal. */
    List<String> differences(AirtableContent other, int max) {
        List<String> out = new ArrayList<>();
        for (String table : tables.keySet()) {
            Map<String, Map<String, Object>> mine = tables.get(table);
            Map<String, Map<String, Object>> theirs = other.tables.getOrDefault(table, Map.of());
            java.util.Set<String> keys = new java.util.TreeSet<>(mine.keySet());
            keys.addAll(theirs.keySet());
            for (String key : keys) {
                Map<String, Object> a = mine.get(key);
                Map<String, Object> b = theirs.get(key);
                if (a == null || b == null) {
                    out.add(table + " " + key + (a == null ? " only in the other" : " only in this one"));
                } else if (!a.equals(b)) {
                    java.util.Set<String> fields = new java.util.TreeSet<>(a.keySet());
                    fields.addAll(b.keySet());
                    for (String f : fields) {
                        if (!java.util.Objects.equals(a.get(f), b.get(f))) {
                            out.add(table + " " + key + " " + f + ": " + a.get(f) + " vs " + b.get(f));
                        }
                    }
                }
                if (out.size() >= max) {
                    return out;
                }
            }
        }
        return out;
    }
}
