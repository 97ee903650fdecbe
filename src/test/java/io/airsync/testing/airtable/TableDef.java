package io.airsync.testing.airtable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One table of a base schema (metadata API shape). Immutable apart from its fields' select choices. */
final class TableDef {
    final String id;
    final String name;
    final String description;
    final String primaryFieldId;
    final List<FieldDef> fields;
    final List<Map<String, Object>> views;
    private final Map<String, FieldDef> byId = new HashMap<>();
    private final Map<String, FieldDef> byName = new HashMap<>();

    TableDef(String id, String name, String description, String primaryFieldId, List<FieldDef> fields,
             List<Map<String, Object>> views) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.primaryFieldId = primaryFieldId;
        this.fields = List.copyOf(fields);
        this.views = views;
        for (FieldDef f : fields) {
            byId.put(f.id, f);
            byName.put(f.name, f);
        }
    }

    /** The field with this name, else with this ID, else null (names win, as in the API). */
    FieldDef field(String nameOrId) {
        FieldDef f = byName.get(nameOrId);
        return f != null ? f : byId.get(nameOrId);
    }

    FieldDef fieldById(String fieldId) {
        return byId.get(fieldId);
    }

    FieldDef primaryField() {
        return byId.get(primaryFieldId);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        if (description != null) {
            json.put("description", description);
        }
        json.put("primaryFieldId", primaryFieldId);
        List<Object> fieldsJson = new ArrayList<>();
        fields.forEach(f -> fieldsJson.add(f.toJson()));
        json.put("fields", fieldsJson);
        json.put("views", views);
        return json;
    }

    /**
     * Reads a metadata-API body {@code {"tables":[...]}}. IDs are optional: missing table/field/choice/view IDs are
     * derived from the base ID and names, so they stay the same across restarts. In link options,
     * {@code linkedTableId} may name a table and {@code inverseLinkFieldId} may name a field of the linked table.
     *
     * @throws IllegalArgumentException naming the table and field when the schema is not usable
     */
    @SuppressWarnings("unchecked")
    static List<TableDef> parseSchema(String baseId, Object json) {
        if (!(json instanceof Map<?, ?> root) || !(root.get("tables") instanceof List<?> tablesJson)) {
            throw new IllegalArgumentException("schema of base " + baseId + ": expected an object {\"tables\": [...]}");
        }
        if (tablesJson.isEmpty()) {
            throw new IllegalArgumentException("schema of base " + baseId + ": \"tables\" is empty");
        }
        // First pass: table IDs and names, so links can be resolved by name.
        Map<String, String> tableIdByName = new HashMap<>();
        Map<String, Map<String, Object>> tableJsonById = new LinkedHashMap<>();
        for (Object t : tablesJson) {
            if (!(t instanceof Map<?, ?> tm)) {
                throw new IllegalArgumentException("schema of base " + baseId + ": every table must be an object");
            }
            Map<String, Object> table = (Map<String, Object>) tm;
            String name = requireText(table.get("name"), "schema of base " + baseId + ": a table has no \"name\"");
            String id = table.get("id") == null ? Ids.stable("tbl", baseId, name)
                    : requireText(table.get("id"), "table " + name + ": \"id\" must be text");
            if (tableIdByName.put(name, id) != null) {
                throw new IllegalArgumentException("schema of base " + baseId + ": two tables are named \"" + name + "\"");
            }
            if (tableJsonById.put(id, table) != null) {
                throw new IllegalArgumentException("schema of base " + baseId + ": two tables have ID " + id);
            }
        }
        // Field IDs of every table, for inverse-link resolution by name.
        Map<String, Map<String, String>> fieldIdByNameByTable = new HashMap<>();
        for (Map.Entry<String, Map<String, Object>> e : tableJsonById.entrySet()) {
            String tableName = String.valueOf(e.getValue().get("name"));
            Map<String, String> ids = new HashMap<>();
            if (!(e.getValue().get("fields") instanceof List<?> fl) || fl.isEmpty()) {
                throw new IllegalArgumentException("table " + tableName + ": \"fields\" must be a non-empty array");
            }
            for (Object f : fl) {
                if (!(f instanceof Map<?, ?> fm)) {
                    throw new IllegalArgumentException("table " + tableName + ": every field must be an object");
                }
                String fieldName = requireText(fm.get("name"), "table " + tableName + ": a field has no \"name\"");
                String fieldId = fm.get("id") == null ? Ids.stable("fld", baseId, tableName, fieldName)
                        : requireText(fm.get("id"), "table " + tableName + ", field " + fieldName + ": \"id\" must be text");
                if (ids.put(fieldName, fieldId) != null) {
                    throw new IllegalArgumentException("table " + tableName + ": two fields are named \"" + fieldName + "\"");
                }
            }
            fieldIdByNameByTable.put(e.getKey(), ids);
        }

        List<TableDef> tables = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : tableJsonById.entrySet()) {
            String tableId = e.getKey();
            Map<String, Object> table = e.getValue();
            String tableName = String.valueOf(table.get("name"));
            Map<String, String> fieldIds = fieldIdByNameByTable.get(tableId);
            List<FieldDef> fields = new ArrayList<>();
            for (Object f : (List<Object>) table.get("fields")) {
                Map<String, Object> field = (Map<String, Object>) f;
                String fieldName = String.valueOf(field.get("name"));
                String where = "table " + tableName + ", field " + fieldName;
                String type = requireText(field.get("type"), where + ": \"type\" is missing");
                Map<String, Object> options = null;
                if (field.get("options") != null) {
                    if (!(field.get("options") instanceof Map<?, ?> om)) {
                        throw new IllegalArgumentException(where + ": \"options\" must be an object");
                    }
                    options = (Map<String, Object>) Json.normalize(om);
                }
                if (type.equals("singleSelect") || type.equals("multipleSelects")) {
                    options = options == null ? new LinkedHashMap<>() : options;
                    options.put("choices", choices(options.get("choices"), baseId, tableName, fieldName, where));
                }
                if (type.equals("count") && options != null && options.get("recordLinkFieldId") != null) {
                    String link = String.valueOf(options.get("recordLinkFieldId"));
                    if (fieldIds.containsKey(link)) {
                        options.put("recordLinkFieldId", fieldIds.get(link));
                    }
                }
                if (type.equals("multipleRecordLinks")) {
                    resolveLink(options, where, tableIdByName, tableJsonById, fieldIdByNameByTable);
                }
                String description = field.get("description") == null ? null : String.valueOf(field.get("description"));
                fields.add(new FieldDef(fieldIds.get(fieldName), fieldName, type, description, options));
            }
            String primary = fields.get(0).id;
            if (table.get("primaryFieldId") != null) {
                String p = String.valueOf(table.get("primaryFieldId"));
                primary = fieldIds.containsValue(p) ? p : fieldIds.get(p);
                if (primary == null) {
                    throw new IllegalArgumentException("table " + tableName + ": primaryFieldId " + p + " is not one of its fields");
                }
            }
            List<Map<String, Object>> views = new ArrayList<>();
            if (table.get("views") instanceof List<?> vl && !vl.isEmpty()) {
                for (Object v : vl) {
                    Map<String, Object> view = new LinkedHashMap<>((Map<String, Object>) Json.normalize(v));
                    String viewName = String.valueOf(view.getOrDefault("name", "Grid view"));
                    view.putIfAbsent("id", Ids.stable("viw", baseId, tableName, viewName));
                    view.putIfAbsent("name", viewName);
                    view.putIfAbsent("type", "grid");
                    views.add(view);
                }
            } else {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("id", Ids.stable("viw", baseId, tableName, "Grid view"));
                view.put("name", "Grid view");
                view.put("type", "grid");
                views.add(view);
            }
            String description = table.get("description") == null ? null : String.valueOf(table.get("description"));
            tables.add(new TableDef(tableId, tableName, description, primary, fields, views));
        }
        return tables;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> choices(Object json, String baseId, String table, String field, String where) {
        List<Map<String, Object>> result = new ArrayList<>();
        if (json == null) {
            return result;
        }
        if (!(json instanceof List<?> list)) {
            throw new IllegalArgumentException(where + ": options.choices must be an array");
        }
        for (Object c : list) {
            Map<String, Object> choice;
            if (c instanceof String s) {
                choice = new LinkedHashMap<>();
                choice.put("name", s);
            } else if (c instanceof Map<?, ?> m && m.get("name") != null) {
                choice = new LinkedHashMap<>((Map<String, Object>) m);
            } else {
                throw new IllegalArgumentException(where + ": every choice needs a \"name\"");
            }
            String name = String.valueOf(choice.get("name"));
            choice.putIfAbsent("id", Ids.stable("sel", baseId, table, field, name));
            choice.putIfAbsent("color", "blueLight2");
            Map<String, Object> ordered = new LinkedHashMap<>();
            ordered.put("id", choice.get("id"));
            ordered.put("name", name);
            ordered.put("color", choice.get("color"));
            result.add(ordered);
        }
        return result;
    }

    private static void resolveLink(Map<String, Object> options, String where, Map<String, String> tableIdByName,
                                    Map<String, Map<String, Object>> tableJsonById,
                                    Map<String, Map<String, String>> fieldIdByNameByTable) {
        if (options == null || options.get("linkedTableId") == null) {
            throw new IllegalArgumentException(where + ": multipleRecordLinks needs options.linkedTableId");
        }
        String linked = String.valueOf(options.get("linkedTableId"));
        String linkedId = tableJsonById.containsKey(linked) ? linked : tableIdByName.get(linked);
        if (linkedId == null) {
            throw new IllegalArgumentException(where + ": linked table " + linked + " is not in the schema");
        }
        options.put("linkedTableId", linkedId);
        Object inverse = options.get("inverseLinkFieldId");
        if (inverse != null) {
            Map<String, String> linkedFields = fieldIdByNameByTable.get(linkedId);
            String inv = String.valueOf(inverse);
            String invId = linkedFields.containsValue(inv) ? inv : linkedFields.get(inv);
            if (invId == null) {
                throw new IllegalArgumentException(where + ": inverse link field " + inv + " is not a field of the linked table");
            }
            options.put("inverseLinkFieldId", invId);
        }
        options.putIfAbsent("isReversed", false);
        options.putIfAbsent("prefersSingleRecordLink", false);
    }

    private static String requireText(Object value, String message) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return s;
    }
}
