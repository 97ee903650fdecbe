package io.airsync.testing.airtable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One field of a table schema. Only the select choices change after creation (typecast adds options). */
final class FieldDef {
    static final Set<String> TEXT_TYPES = Set.of(
            "singleLineText", "multilineText", "richText", "email", "url", "phoneNumber");
    static final Set<String> NUMBER_TYPES = Set.of("number", "currency", "percent", "rating", "duration");
    /** Read-only types: any value written to them is refused. */
    static final Set<String> COMPUTED_TYPES = Set.of(
            "formula", "rollup", "count", "lookup", "multipleLookupValues", "createdTime", "lastModifiedTime",
            "autoNumber", "createdBy", "lastModifiedBy", "button", "aiText", "externalSyncSource", "manualSort");
    /**
     * Types Airtable accepts in performUpsert.fieldsToMergeOn, as its documentation lists them ("number, text, long
     * text, single select, multiple select, date"; computed fields never).
     */
    static final Set<String> MERGEABLE_TYPES = Set.of(
            "number", "singleLineText", "multilineText", "singleSelect", "multipleSelects", "date");

    final String id;
    final String name;
    final String type;
    final String description;
    /** Mutable copy of the schema options (null when the field has none). */
    final Map<String, Object> options;
    /** Parsed once when the field is a formula field whose formula the emulator understands. */
    volatile Object compiledFormula;

    FieldDef(String id, String name, String type, String description, Map<String, Object> options) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.description = description;
        this.options = options;
    }

    boolean isComputed() {
        return COMPUTED_TYPES.contains(type);
    }

    boolean isSelect() {
        return type.equals("singleSelect") || type.equals("multipleSelects");
    }

    String option(String key) {
        Object v = options == null ? null : options.get(key);
        return v == null ? null : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> choices() {
        if (options == null) {
            return List.of();
        }
        Object c = options.get("choices");
        return c instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    boolean hasChoice(String choiceName) {
        for (Map<String, Object> c : choices()) {
            if (choiceName.equals(c.get("name"))) {
                return true;
            }
        }
        return false;
    }

    /** Adds a select option, as typecast does; callers hold the base's write lock. */
    @SuppressWarnings("unchecked")
    void addChoice(String choiceName) {
        if (hasChoice(choiceName)) {
            return;
        }
        List<Map<String, Object>> next = new ArrayList<>(choices());
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("id", Ids.random("sel"));
        choice.put("name", choiceName);
        choice.put("color", "blueLight2");
        next.add(choice);
        options.put("choices", next);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("id", id);
        json.put("name", name);
        if (description != null) {
            json.put("description", description);
        }
        if (options != null && !options.isEmpty()) {
            json.put("options", Json.normalize(options));
        }
        return json;
    }
}
