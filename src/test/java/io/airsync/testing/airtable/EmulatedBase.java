package io.airsync.testing.airtable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * One base: schema plus records, with the API's record operations. Reads share, writes exclude (one lock per base);
 * every write request validates all its records before applying any, so a 422 leaves the base untouched.
 */
final class EmulatedBase {

    /** A record as a write request gives it: optional ID and the fields by name or ID. */
    record RecordInput(String id, Map<String, Object> fields) {
    }

    record UpsertResult(List<StoredRecord> records, List<String> created, List<String> updated) {
    }

    /** How to render records: projection (field IDs, null = all), keys by field ID, cellFormat=string. */
    record Rendering(Set<String> fieldIds, boolean byFieldId, boolean asStrings) {
        static final Rendering DEFAULT = new Rendering(null, false, false);
    }

    record SortSpec(String field, boolean descending) {
    }

    record ListQuery(int pageSize, String offset, List<String> fields, String filterByFormula, Integer maxRecords,
                     List<SortSpec> sort, Rendering rendering) {
    }

    record Page(List<Map<String, Object>> records, String offset) {
    }

    final String id;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile String name;
    /** Immutable snapshots, swapped on schema change. */
    private volatile Map<String, TableData> tablesById = Map.of();
    private volatile Map<String, TableData> tablesByName = Map.of();
    private final Consumer<EmulatedBase> onWrite;
    /** Typecast may not add select choices (the token's owner is an editor of the base, not a creator). */
    private volatile boolean choiceCreationRefused;

    EmulatedBase(String id, String name, List<TableDef> tables, Consumer<EmulatedBase> onWrite) {
        this.id = id;
        this.name = name;
        this.onWrite = onWrite;
        replaceSchema(name, tables);
    }

    void refuseChoiceCreation(boolean refused) {
        choiceCreationRefused = refused;
    }

    String name() {
        return name;
    }

    Iterable<TableData> tables() {
        return tablesById.values();
    }

    /** Table by ID or name ('+' in a name is a plus, as in Airtable's paths). Null when unknown. */
    TableData table(String nameOrId) {
        TableData t = tablesById.get(nameOrId);
        if (t == null) {
            t = tablesByName.get(nameOrId);
        }
        return t;
    }

    TableData requireTable(String nameOrId) {
        TableData t = table(nameOrId);
        if (t == null) {
            throw ApiError.tableNotFound(nameOrId, id);
        }
        return t;
    }

    /**
     * Installs a schema. Records of tables that keep their ID (or name) are kept, minus cells of fields that no longer
     * exist (fields are matched by ID, then name); merge indexes are rebuilt on demand.
     */
    void replaceSchema(String newName, List<TableDef> defs) {
        lock.writeLock().lock();
        try {
            Map<String, TableData> byId = new LinkedHashMap<>();
            Map<String, TableData> byName = new HashMap<>();
            for (TableDef def : defs) {
                TableData fresh = new TableData(def);
                TableData old = tablesById.get(def.id);
                if (old == null) {
                    old = tablesByName.get(def.name);
                }
                if (old != null) {
                    Map<String, String> newFieldIdByOld = new HashMap<>();
                    for (FieldDef of : old.def.fields) {
                        FieldDef nf = def.fieldById(of.id);
                        if (nf == null) {
                            nf = def.field(of.name);
                        }
                        if (nf != null && !nf.isComputed()) {
                            newFieldIdByOld.put(of.id, nf.id);
                        }
                    }
                    for (StoredRecord r : old.records.values()) {
                        StoredRecord copy = new StoredRecord(r.id, r.createdMillis, r.autoNumber);
                        copy.modifiedMillis = r.modifiedMillis;
                        r.cells.forEach((fieldId, v) -> {
                            String nid = newFieldIdByOld.get(fieldId);
                            if (nid != null) {
                                copy.cells.put(nid, v);
                            }
                        });
                        fresh.records.put(copy.id, copy);
                    }
                    fresh.nextAutoNumber = old.nextAutoNumber;
                }
                byId.put(def.id, fresh);
                byName.put(def.name, fresh);
            }
            this.name = newName;
            this.tablesById = Collections.unmodifiableMap(byId);
            this.tablesByName = Collections.unmodifiableMap(byName);
        } finally {
            lock.writeLock().unlock();
        }
    }

    Map<String, Object> schemaJson() {
        lock.readLock().lock();
        try {
            List<Object> tables = new ArrayList<>();
            for (TableData t : tablesById.values()) {
                tables.add(t.def.toJson());
            }
            return Map.of("tables", tables);
        } finally {
            lock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------ writes

    private final class Context implements FieldCodec.WriteContext {
        final boolean typecast;
        final boolean trusted;
        final Map<FieldDef, Set<String>> newChoices = new LinkedHashMap<>();

        Context(boolean typecast, boolean trusted) {
            this.typecast = typecast;
            this.trusted = trusted;
        }

        @Override
        public boolean typecast() {
            return typecast;
        }

        @Override
        public boolean trusted() {
            return trusted;
        }

        @Override
        public boolean recordExists(String tableId, String recordId) {
            TableData t = tablesById.get(tableId);
            return t != null && t.records.containsKey(recordId);
        }

        @Override
        public boolean hasChoice(FieldDef field, String choice) {
            return field.hasChoice(choice) || newChoices.getOrDefault(field, Set.of()).contains(choice);
        }

        @Override
        public void addChoice(FieldDef field, String choice) {
            newChoices.computeIfAbsent(field, f -> new LinkedHashSet<>()).add(choice);
        }

        @Override
        public boolean mayCreateChoices() {
            return !choiceCreationRefused;
        }

        void commit() {
            newChoices.forEach((field, choices) -> choices.forEach(field::addChoice));
        }
    }

    /** Validates one record's fields; returns field ID to new value (null = clear). */
    private Map<String, Object> parseFields(TableData t, Map<String, Object> fields, Context ctx, StoredRecord existing) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            FieldDef f = t.def.field(e.getKey());
            if (f == null) {
                throw ApiError.unknownField(e.getKey());
            }
            parsed.put(f.id, FieldCodec.parse(f, e.getValue(), ctx, existing));
        }
        return parsed;
    }

    /** Creates records. {@code ids}/{@code createdMillis} are for seeding (null = generate / now). */
    List<StoredRecord> create(TableData t, List<RecordInput> inputs, boolean typecast, boolean trusted, Long createdMillis) {
        boolean ok = false;
        lock.writeLock().lock();
        try {
            Context ctx = new Context(typecast, trusted);
            List<Map<String, Object>> parsed = new ArrayList<>(inputs.size());
            Set<String> newIds = new HashSet<>();
            for (RecordInput input : inputs) {
                if (input.id() != null && (!Ids.isRecordId(input.id()) || t.records.containsKey(input.id()) || !newIds.add(input.id()))) {
                    throw new IllegalArgumentException("seed record ID " + input.id() + " is malformed or already used in table " + t.def.name);
                }
                parsed.add(parseFields(t, input.fields(), ctx, null));
            }
            ctx.commit();
            long now = createdMillis != null ? createdMillis : System.currentTimeMillis();
            List<StoredRecord> created = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                String recordId = inputs.get(i).id() != null ? inputs.get(i).id() : newRecordId(t);
                StoredRecord r = new StoredRecord(recordId, now, t.nextAutoNumber++);
                t.records.put(r.id, r);
                applyCells(t, r, parsed.get(i), false, now);
                created.add(r);
            }
            ok = true;
            return created;
        } finally {
            lock.writeLock().unlock();
            if (ok) {
                onWrite.accept(this);
            }
        }
    }

    /** PATCH (merge) or PUT (replace) of existing records by ID. */
    List<StoredRecord> update(TableData t, List<RecordInput> inputs, boolean replace, boolean typecast) {
        boolean ok = false;
        lock.writeLock().lock();
        try {
            Context ctx = new Context(typecast, false);
            List<StoredRecord> targets = new ArrayList<>(inputs.size());
            List<Map<String, Object>> parsed = new ArrayList<>(inputs.size());
            for (RecordInput input : inputs) {
                StoredRecord r = t.records.get(input.id());
                if (r == null) {
                    throw ApiError.typed(422, "ROW_DOES_NOT_EXIST", "Record ID " + input.id() + " does not exist in this table");
                }
                targets.add(r);
                parsed.add(parseFields(t, input.fields(), ctx, r));
            }
            ctx.commit();
            long now = System.currentTimeMillis();
            for (int i = 0; i < targets.size(); i++) {
                applyCells(t, targets.get(i), parsed.get(i), replace, now);
            }
            ok = true;
            return targets;
        } finally {
            lock.writeLock().unlock();
            if (ok) {
                onWrite.accept(this);
            }
        }
    }

    /** performUpsert: match each record without ID on the merge fields; none → create, one → update, more → 422. */
    UpsertResult upsert(TableData t, List<RecordInput> inputs, List<String> mergeOn, boolean replace, boolean typecast) {
        boolean ok = false;
        lock.writeLock().lock();
        try {
            List<String> mergeFieldIds = new ArrayList<>();
            for (String m : mergeOn) {
                FieldDef f = t.def.field(m);
                if (f == null) {
                    throw ApiError.unknownField(m);
                }
                if (!FieldDef.MERGEABLE_TYPES.contains(f.type)) {
                    throw ApiError.invalidRequest("field \"" + f.name + "\" of type " + f.type + " cannot be used in fieldsToMergeOn");
                }
                if (!mergeFieldIds.contains(f.id)) {
                    mergeFieldIds.add(f.id);
                }
            }
            MergeIndex index = t.mergeIndex(mergeFieldIds);
            Context ctx = new Context(typecast, false);
            List<StoredRecord> targets = new ArrayList<>(inputs.size());
            List<Map<String, Object>> parsed = new ArrayList<>(inputs.size());
            Set<List<Object>> keysInRequest = new HashSet<>();
            for (int i = 0; i < inputs.size(); i++) {
                RecordInput input = inputs.get(i);
                if (input.id() != null) {
                    StoredRecord r = t.records.get(input.id());
                    if (r == null) {
                        throw ApiError.typed(422, "ROW_DOES_NOT_EXIST", "Record ID " + input.id() + " does not exist in this table");
                    }
                    targets.add(r);
                    parsed.add(parseFields(t, input.fields(), ctx, r));
                    continue;
                }
                Map<String, Object> cells = parseFields(t, input.fields(), ctx, null);
                List<Object> key = index.key(cells);
                if (key == null) {
                    // An empty merge value matches no record: "if zero matches are found, a new record will be created".
                    targets.add(null);
                    parsed.add(cells);
                    continue;
                }
                if (!keysInRequest.add(key)) {
                    throw ApiError.invalidRecords("Records in this request repeat the same fieldsToMergeOn values " + key);
                }
                Set<String> matches = index.find(cells);
                if (matches.size() > 1) {
                    throw ApiError.invalidRecords("Cannot update more than one record per fieldsToMergeOn value: "
                            + matches.size() + " records in table " + t.def.name + " match the values " + key
                            + " of the record at index " + i);
                }
                StoredRecord match = matches.isEmpty() ? null : t.records.get(matches.iterator().next());
                if (match != null) {
                    cells = parseFields(t, input.fields(), ctx, match); // re-parse so attachment IDs resolve
                }
                targets.add(match);
                parsed.add(cells);
            }
            ctx.commit();
            long now = System.currentTimeMillis();
            List<StoredRecord> result = new ArrayList<>(inputs.size());
            List<String> created = new ArrayList<>();
            List<String> updated = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                StoredRecord r = targets.get(i);
                if (r == null) {
                    r = new StoredRecord(newRecordId(t), now, t.nextAutoNumber++);
                    t.records.put(r.id, r);
                    applyCells(t, r, parsed.get(i), false, now);
                    created.add(r.id);
                } else {
                    applyCells(t, r, parsed.get(i), replace, now);
                    updated.add(r.id);
                }
                result.add(r);
            }
            ok = true;
            return new UpsertResult(result, created, updated);
        } finally {
            lock.writeLock().unlock();
            if (ok) {
                onWrite.accept(this);
            }
        }
    }

    /** Deletes by ID; an unknown ID fails the whole request with 404 (nothing deleted). */
    List<String> delete(TableData t, List<String> ids) {
        boolean ok = false;
        lock.writeLock().lock();
        try {
            for (String recordId : ids) {
                if (!t.records.containsKey(recordId)) {
                    throw ApiError.recordNotFound();
                }
            }
            List<String> deleted = new ArrayList<>(ids.size());
            for (String recordId : ids) {
                StoredRecord r = t.records.remove(recordId);
                if (r == null) {
                    continue; // same ID twice in one request
                }
                t.indexRemove(r);
                for (FieldDef f : t.def.fields) {
                    if (f.type.equals("multipleRecordLinks") && r.cells.get(f.id) instanceof List<?> old) {
                        relink(t, r.id, f, asIds(old), List.of());
                    }
                }
                deleted.add(recordId);
            }
            ok = true;
            return deleted;
        } finally {
            lock.writeLock().unlock();
            if (ok) {
                onWrite.accept(this);
            }
        }
    }

    void clearRecords() {
        boolean ok = false;
        lock.writeLock().lock();
        try {
            for (TableData t : tablesById.values()) {
                t.records.clear();
                t.mergeIndexes.clear();
                t.nextAutoNumber = 1;
            }
            ok = true;
        } finally {
            lock.writeLock().unlock();
            if (ok) {
                onWrite.accept(this);
            }
        }
    }

    private String newRecordId(TableData t) {
        String recordId;
        do {
            recordId = Ids.random("rec");
        } while (t.records.containsKey(recordId));
        return recordId;
    }

    /** Applies validated cells to a record: merge or replace, keeping links' inverse fields and indexes in step. */
    private void applyCells(TableData t, StoredRecord r, Map<String, Object> cells, boolean replace, long now) {
        t.indexRemove(r);
        Map<String, Object> changes = new LinkedHashMap<>(cells);
        if (replace) {
            for (String fieldId : new ArrayList<>(r.cells.keySet())) {
                changes.putIfAbsent(fieldId, null);
            }
        }
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            FieldDef f = t.def.fieldById(e.getKey());
            if (f != null && f.type.equals("multipleRecordLinks")) {
                relink(t, r.id, f, asIds(r.cells.get(f.id)), asIds(e.getValue()));
            }
            r.put(e.getKey(), e.getValue());
        }
        r.modifiedMillis = now;
        t.indexAdd(r);
    }

    /** Keeps the inverse link field of the linked table in step with a change of links from {@code recordId}. */
    private void relink(TableData t, String recordId, FieldDef f, List<String> before, List<String> after) {
        String inverseId = f.option("inverseLinkFieldId");
        TableData linked = tablesById.get(f.option("linkedTableId"));
        if (inverseId == null || linked == null || (linked == t && inverseId.equals(f.id))) {
            return;
        }
        Set<String> afterSet = new HashSet<>(after);
        Set<String> beforeSet = new HashSet<>(before);
        for (String gone : before) {
            if (!afterSet.contains(gone)) {
                StoredRecord other = linked.records.get(gone);
                if (other != null) {
                    List<String> ids = new ArrayList<>(asIds(other.cells.get(inverseId)));
                    ids.remove(recordId);
                    other.put(inverseId, ids.isEmpty() ? null : List.copyOf(ids));
                }
            }
        }
        for (String added : after) {
            if (!beforeSet.contains(added)) {
                StoredRecord other = linked.records.get(added);
                if (other != null) {
                    List<String> ids = new ArrayList<>(asIds(other.cells.get(inverseId)));
                    if (!ids.contains(recordId)) {
                        ids.add(recordId);
                    }
                    other.put(inverseId, List.copyOf(ids));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> asIds(Object cell) {
        return cell instanceof List<?> l ? (List<String>) l : List.of();
    }

    // ------------------------------------------------------------------ reads

    StoredRecord find(TableData t, String recordId) {
        return t.records.get(recordId);
    }

    /** Renders one record; callers hold the read lock. */
    Map<String, Object> render(TableData t, StoredRecord r, Rendering rendering) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldDef f : t.def.fields) {
            if (rendering.fieldIds() != null && !rendering.fieldIds().contains(f.id)) {
                continue;
            }
            Object v = rendering.asStrings() ? stringValue(t, r, f) : outputValue(t, r, f);
            if (!FieldCodec.isEmpty(v)) {
                fields.put(rendering.byFieldId() ? f.id : f.name, v);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id);
        json.put("createdTime", FieldCodec.iso(r.createdMillis));
        json.put("fields", fields);
        return json;
    }

    Map<String, Object> renderLocked(TableData t, StoredRecord r, Rendering rendering) {
        lock.readLock().lock();
        try {
            return render(t, r, rendering);
        } finally {
            lock.readLock().unlock();
        }
    }

    List<Map<String, Object>> renderAll(TableData t, List<StoredRecord> records, Rendering rendering) {
        lock.readLock().lock();
        try {
            List<Map<String, Object>> out = new ArrayList<>(records.size());
            for (StoredRecord r : records) {
                out.add(render(t, r, rendering));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The JSON value of a cell, including computed fields the emulator can compute. */
    private Object outputValue(TableData t, StoredRecord r, FieldDef f) {
        switch (f.type) {
            case "autoNumber":
                return r.autoNumber;
            case "createdTime":
                return FieldCodec.iso(r.createdMillis);
            case "lastModifiedTime":
                return FieldCodec.iso(r.modifiedMillis);
            case "createdBy":
            case "lastModifiedBy":
                return FieldCodec.EMULATOR_USER;
            case "count": {
                FieldDef link = f.option("recordLinkFieldId") == null ? null : t.def.fieldById(f.option("recordLinkFieldId"));
                return link == null ? null : (long) liveLinks(link, r.cells.get(link.id)).size();
            }
            case "formula": {
                Object v = evaluateFormulaField(t, r, f, 0);
                if (v instanceof Double d) {
                    return Json.number(d);
                }
                if (v instanceof Boolean b) {
                    return b ? 1L : 0L;
                }
                return v;
            }
            case "multipleRecordLinks":
                return liveLinks(f, r.cells.get(f.id));
            default:
                return f.isComputed() ? null : r.cells.get(f.id);
        }
    }

    /** Link IDs whose record still exists (links whose inverse is not tracked may dangle after a delete). */
    private List<String> liveLinks(FieldDef f, Object cell) {
        List<String> ids = asIds(cell);
        TableData linked = tablesById.get(f.option("linkedTableId"));
        if (linked == null || ids.isEmpty()) {
            return ids;
        }
        for (String linkedId : ids) {
            if (!linked.records.containsKey(linkedId)) {
                List<String> live = new ArrayList<>();
                for (String x : ids) {
                    if (linked.records.containsKey(x)) {
                        live.add(x);
                    }
                }
                return live;
            }
        }
        return ids;
    }

    private Object stringValue(TableData t, StoredRecord r, FieldDef f) {
        Object v = formulaValue(t, r, f, 0);
        if (v == null) {
            return null;
        }
        if (f.type.equals("checkbox")) {
            return Boolean.TRUE.equals(v) ? "checked" : null;
        }
        return Formula.text(v);
    }

    private Object evaluateFormulaField(TableData t, StoredRecord r, FieldDef f, int depth) {
        if (depth > 8 || f.option("formula") == null) {
            return null;
        }
        Object compiled = f.compiledFormula;
        if (compiled == null) {
            try {
                compiled = Formula.parse(f.option("formula"), t.def);
            } catch (Formula.Invalid e) {
                compiled = Boolean.FALSE; // beyond the supported subset: the field stays empty
            }
            f.compiledFormula = compiled;
        }
        return compiled instanceof Formula formula ? formula.evaluate(env(t, r, depth + 1)) : null;
    }

    /** A field's value as formulas see it. */
    Object formulaValue(TableData t, StoredRecord r, FieldDef f, int depth) {
        switch (f.type) {
            case "autoNumber":
                return (double) r.autoNumber;
            case "createdTime":
                return FieldCodec.iso(r.createdMillis);
            case "lastModifiedTime":
                return FieldCodec.iso(r.modifiedMillis);
            case "createdBy":
            case "lastModifiedBy":
                return FieldCodec.EMULATOR_USER.get("name");
            case "count": {
                Object n = outputValue(t, r, f);
                return n == null ? null : ((Number) n).doubleValue();
            }
            case "formula":
                return evaluateFormulaField(t, r, f, depth);
            case "multipleRecordLinks": {
                TableData linked = tablesById.get(f.option("linkedTableId"));
                List<String> names = new ArrayList<>();
                for (String linkedId : liveLinks(f, r.cells.get(f.id))) {
                    StoredRecord other = linked == null ? null : linked.records.get(linkedId);
                    FieldDef primary = linked == null ? null : linked.def.primaryField();
                    if (other != null && primary != null && depth < 4) {
                        names.add(Formula.text(formulaValue(linked, other, primary, depth + 1)));
                    } else {
                        names.add(linkedId);
                    }
                }
                return names.isEmpty() ? null : String.join(", ", names);
            }
            default:
                break;
        }
        Object v = r.cells.get(f.id);
        if (v == null) {
            return f.type.equals("checkbox") ? Boolean.FALSE : null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>(l.size());
            for (Object item : l) {
                parts.add(item instanceof Map<?, ?> m ? displayOf(m) : String.valueOf(item));
            }
            return String.join(", ", parts);
        }
        if (v instanceof Map<?, ?> m) {
            return displayOf(m);
        }
        return String.valueOf(v);
    }

    private static String displayOf(Map<?, ?> m) {
        for (String key : List.of("text", "name", "filename", "email", "url", "id")) {
            if (m.get(key) != null) {
                return String.valueOf(m.get(key));
            }
        }
        return "";
    }

    private Formula.Env env(TableData t, StoredRecord r, int depth) {
        return new Formula.Env() {
            @Override
            public Object field(FieldDef field) {
                return formulaValue(t, r, field, depth);
            }

            @Override
            public String recordId() {
                return r.id;
            }

            @Override
            public long createdMillis() {
                return r.createdMillis;
            }

            @Override
            public long modifiedMillis() {
                return r.modifiedMillis;
            }
        };
    }

    /** One page of a listing. */
    Page list(TableData t, ListQuery q, ListCursors cursors) {
        lock.readLock().lock();
        try {
            List<String> ids;
            int position;
            String iteratorId;
            if (q.offset() != null) {
                ListCursors.Cursor cursor = cursors.resolve(q.offset(), id, t.def.id);
                ids = cursor.ids();
                position = cursor.position();
                iteratorId = cursor.iteratorId();
            } else {
                ids = matchingIds(t, q);
                position = 0;
                iteratorId = null;
            }
            int end = Math.min(ids.size(), position + q.pageSize());
            List<Map<String, Object>> page = new ArrayList<>(Math.max(0, end - position));
            for (int i = position; i < end; i++) {
                StoredRecord r = t.records.get(ids.get(i));
                if (r != null) {
                    page.add(render(t, r, q.rendering()));
                }
            }
            String next = end < ids.size() ? cursors.issue(id, t.def.id, iteratorId, ids, end) : null;
            return new Page(page, next);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<String> matchingIds(TableData t, ListQuery q) {
        Formula filter = null;
        if (q.filterByFormula() != null && !q.filterByFormula().isBlank()) {
            try {
                filter = Formula.parse(q.filterByFormula(), t.def);
            } catch (Formula.Invalid e) {
                throw ApiError.invalidFormula(e.getMessage());
            }
        }
        List<FieldDef> sortFields = new ArrayList<>();
        for (SortSpec s : q.sort()) {
            FieldDef f = t.def.field(s.field());
            if (f == null) {
                throw ApiError.unknownField(s.field());
            }
            sortFields.add(f);
        }
        int limit = q.maxRecords() == null ? Integer.MAX_VALUE : q.maxRecords();
        List<StoredRecord> matching = new ArrayList<>(filter == null ? t.records.size() : 16);
        for (StoredRecord r : t.records.values()) {
            if (filter == null || filter.matches(env(t, r, 0))) {
                matching.add(r);
                if (sortFields.isEmpty() && matching.size() >= limit) {
                    break;
                }
            }
        }
        if (!sortFields.isEmpty()) {
            Comparator<StoredRecord> order = null;
            for (int i = 0; i < sortFields.size(); i++) {
                FieldDef f = sortFields.get(i);
                Comparator<StoredRecord> c = (a, b) -> compareForSort(formulaValue(t, a, f, 0), formulaValue(t, b, f, 0));
                if (q.sort().get(i).descending()) {
                    c = c.reversed();
                }
                order = order == null ? c : order.thenComparing(c);
            }
            matching.sort(order);
        }
        int n = Math.min(limit, matching.size());
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(matching.get(i).id);
        }
        return ids;
    }

    /** Blanks first, numbers numerically, text case-insensitively (as Airtable's grid sorts). */
    private static int compareForSort(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if ((a instanceof Double || a instanceof Boolean) && (b instanceof Double || b instanceof Boolean)) {
            return Double.compare(Formula.number(a), Formula.number(b));
        }
        String sa = Formula.text(a);
        String sb = Formula.text(b);
        int c = String.CASE_INSENSITIVE_ORDER.compare(sa, sb);
        return c != 0 ? c : sa.compareTo(sb);
    }

    // ------------------------------------------------------------------ persistence snapshot

    /** A consistent copy for saving: cell maps are copied, their (immutable) values shared. */
    record Snapshot(String baseId, String name, Map<String, Object> schema, List<TableSnapshot> tables) {
    }

    record TableSnapshot(String tableId, long nextAutoNumber, List<StoredRecord> records) {
    }

    Snapshot snapshot() {
        lock.readLock().lock();
        try {
            List<TableSnapshot> tables = new ArrayList<>();
            for (TableData t : tablesById.values()) {
                List<StoredRecord> copies = new ArrayList<>(t.records.size());
                for (StoredRecord r : t.records.values()) {
                    StoredRecord c = new StoredRecord(r.id, r.createdMillis, r.autoNumber, new HashMap<>(r.cells));
                    c.modifiedMillis = r.modifiedMillis;
                    copies.add(c);
                }
                tables.add(new TableSnapshot(t.def.id, t.nextAutoNumber, copies));
            }
            List<Object> schemaTables = new ArrayList<>();
            tablesById.values().forEach(t -> schemaTables.add(t.def.toJson()));
            return new Snapshot(id, name, Map.of("tables", schemaTables), tables);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Puts loaded records back (at start, before any request). */
    void restore(String tableId, long nextAutoNumber, List<StoredRecord> records) {
        lock.writeLock().lock();
        try {
            TableData t = tablesById.get(tableId);
            if (t == null) {
                return;
            }
            for (StoredRecord r : records) {
                r.cells.keySet().removeIf(fieldId -> t.def.fieldById(fieldId) == null);
                t.records.put(r.id, r);
            }
            t.nextAutoNumber = Math.max(nextAutoNumber, t.nextAutoNumber);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
