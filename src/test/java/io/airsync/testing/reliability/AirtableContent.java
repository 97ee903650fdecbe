package io.airsync.testing.reliability;

import io.airsync.testing.airtable.AirtableEmulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an Airtable base holds, in a form two runs can be compared by: per table, each record's fields by its key
 * field value, with link fields turned from record IDs (which differ between runs) into "Table:key" of the linked
 * records. Records without a key and keys held by more than one record are listed apart (a sync must leave none).
 *
 * @param tables          table name -> key -> field name -> value (record IDs of links replaced)
 * @param duplicateKeys   "Table:key" held by more than one record
 * @param recordsWithoutKey "Table:recordId" of records whose key field is empty
 */
public record AirtableContent(Map<String, Map<String, Map<String, Object>>> tables, List<String> duplicateKeys,
        List<String> recordsWithoutKey) {

    /** Every mapped field of every table of the mapping, and the key field, read straight from the emulator. */
    public static AirtableContent read(AirtableEmulator airtable, String baseId, io.airsync.mapping.SyncMapping mapping) {
        Map<String, java.util.Set<String>> fields = new LinkedHashMap<>();
        String key = null;
        for (io.airsync.mapping.TableMapping t : mapping.tables()) {
            java.util.Set<String> names = new java.util.HashSet<>();
            t.fields().forEach(f -> names.add(f.airtable()));
            names.add(t.keyField());
            key = t.keyField();
            fields.put(t.airtableTable(), names);
        }
        return read(airtable, baseId, fields, key);
    }

    /**
     * Reads every record of the tables straight from the emulator (not through Airsync), keeping the given fields
     * (those Airsync writes: inverse link fields, for one, list records in the order the links were made).
     */
    @SuppressWarnings("unchecked")
    public static AirtableContent read(AirtableEmulator airtable, String baseId, Map<String, java.util.Set<String>> fieldsByTable,
            String keyField) {
        List<String> tables = List.copyOf(fieldsByTable.keySet());
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        Map<String, String> keyOfRecord = new HashMap<>();
        for (String table : tables) {
            List<Map<String, Object>> records = airtable.records(baseId, table);
            rows.put(table, records);
            for (Map<String, Object> r : records) {
                Object key = ((Map<String, Object>) r.get("fields")).get(keyField);
                if (key != null) {
                    keyOfRecord.put((String) r.get("id"), table + ":" + key);
                }
            }
        }
        Map<String, Map<String, Map<String, Object>>> content = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        List<String> withoutKey = new ArrayList<>();
        rows.forEach((table, records) -> {
            Map<String, Map<String, Object>> byKey = new TreeMap<>();
            for (Map<String, Object> r : records) {
                Map<String, Object> fields = new TreeMap<>((Map<String, Object>) r.get("fields"));
                fields.keySet().retainAll(fieldsByTable.get(table));
                Object key = fields.get(keyField);
                if (key == null || String.valueOf(key).isBlank()) {
                    withoutKey.add(table + ":" + r.get("id"));
                    continue;
                }
                fields.replaceAll((name, value) -> value instanceof List<?> list && !list.isEmpty()
                        && list.stream().allMatch(keyOfRecord::containsKey)
                        ? list.stream().map(keyOfRecord::get).toList() : value);
                if (byKey.put(String.valueOf(key), fields) != null) {
                    duplicates.add(table + ":" + key);
                }
            }
            content.put(table, byKey);
        });
        return new AirtableContent(content, duplicates, withoutKey);
    }

    public int recordCount(String table) {
        return tables.getOrDefault(table, Map.of()).size();
    }

    public int totalRecords() {
        return tables.values().stream().mapToInt(Map::size).sum();
    }

    /** A short account of how this content differs from {@code expected} (empty when equal), for failure messages. */
    public String differencesFrom(AirtableContent expected) {
        StringBuilder out = new StringBuilder();
        if (!duplicateKeys.isEmpty()) {
            out.append("duplicate keys: ").append(first(duplicateKeys)).append('\n');
        }
        if (!recordsWithoutKey.isEmpty()) {
            out.append("records without a key: ").append(first(recordsWithoutKey)).append('\n');
        }
        expected.tables.forEach((table, want) -> {
            Map<String, Map<String, Object>> have = tables.getOrDefault(table, Map.of());
            List<String> missing = want.keySet().stream().filter(k -> !have.containsKey(k)).toList();
            List<String> extra = have.keySet().stream().filter(k -> !want.containsKey(k)).toList();
            List<String> changed = want.keySet().stream().filter(have::containsKey)
                    .filter(k -> !want.get(k).equals(have.get(k))).toList();
            if (!missing.isEmpty()) {
                out.append(table).append(": ").append(missing.size()).append(" missing, e.g. ").append(first(missing)).append('\n');
            }
            if (!extra.isEmpty()) {
                out.append(table).append(": ").append(extra.size()).append(" extra, e.g. ").append(first(extra)).append('\n');
            }
            if (!changed.isEmpty()) {
                String k = changed.get(0);
                Map<String, Object> w = want.get(k);
                Map<String, Object> h = have.get(k);
                java.util.Set<String> names = new java.util.TreeSet<>(w.keySet());
                names.addAll(h.keySet());
                out.append(table).append(": ").append(changed.size()).append(" differ, e.g. ").append(k).append(':');
                for (String name : names) {
                    if (!java.util.Objects.equals(w.get(name), h.get(name))) {
                        out.append(" ").append(name).append(" expected ").append(abbreviate(w.get(name)))
                                .append(" but was ").append(abbreviate(h.get(name))).append(';');
                    }
                }
                out.append('\n');
            }
        });
        return out.toString();
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    private static List<String> first(List<String> list) {
        return list.subList(0, Math.min(5, list.size()));
    }
}
