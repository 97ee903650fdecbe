package io.airsync.mapping;

import io.airsync.airtable.BaseSchema;
import io.airsync.airtable.BaseSchema.FieldSchema;
import io.airsync.airtable.BaseSchema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a mapping with an Airtable base schema (metadata API): every mapped table and field must exist with the
 * type the mapping writes. Run it at start-up against the real base so a renamed or retyped field stops the run
 * with a clear message before anything is written.
 */
public final class SchemaCheck {

    private SchemaCheck() {
    }

    /** Every incompatibility, one line each naming table and field; empty when the base fits the mapping. */
    public static List<String> problems(SyncMapping mapping, BaseSchema schema) {
        List<String> problems = new ArrayList<>();
        for (TableMapping t : mapping.tables()) {
            String where = "table '" + t.name() + "'";
            TableSchema table = schema.table(t.airtableTable()).orElse(null);
            if (table == null) {
                problems.add(where + ": Airtable table '" + t.airtableTable() + "' does not exist in the base");
                continue;
            }
            FieldSchema key = table.field(t.keyField()).orElse(null);
            if (key == null) {
                problems.add(where + ", key field '" + t.keyField() + "': missing in Airtable (create it as "
                        + "singleLineText)");
            } else if (!FieldType.SINGLE_LINE_TEXT.airtableName().equals(key.type())) {
                problems.add(where + ", key field '" + t.keyField() + "': is " + key.type()
                        + " in Airtable, must be singleLineText");
            }
            if (t.mirror() != null && t.mirror().mode() == MirrorMode.flag) {
                FieldSchema flag = table.field(t.mirror().flagField()).orElse(null);
                if (flag == null || !FieldType.CHECKBOX.airtableName().equals(flag.type())) {
                    problems.add(where + ", mirror flagField '" + t.mirror().flagField() + "': "
                            + (flag == null ? "missing in Airtable" : "is " + flag.type() + " in Airtable")
                            + ", must be checkbox");
                }
            }
            for (FieldMapping f : t.fields()) {
                String fw = where + ", field '" + f.airtable() + "'";
                FieldSchema field = table.field(f.airtable()).orElse(null);
                if (field == null) {
                    problems.add(fw + ": missing in Airtable (create it as " + f.type().airtableName() + ")");
                    continue;
                }
                if (!f.type().airtableName().equals(field.type())) {
                    problems.add(fw + ": is " + field.type() + " in Airtable, the mapping writes "
                            + f.type().airtableName());
                    continue;
                }
                Map<String, Object> options = field.options() == null ? Map.of() : field.options();
                if (f.type().isNumeric() && options.get("precision") instanceof Number p) {
                    if (f.precision() == null || f.precision() != p.intValue()) {
                        problems.add(fw + ": Airtable precision is " + p.intValue() + ", the mapping's is "
                                + (f.precision() == null ? "unset" : f.precision())
                                + " (set precision: " + p.intValue() + " so written and stored values agree)");
                    }
                }
                if (f.isLink()) {
                    String expected = mapping.table(f.link()).flatMap(target -> schema.table(target.airtableTable()))
                            .map(TableSchema::id).orElse(null);
                    Object linked = options.get("linkedTableId");
                    if (expected != null && !Objects.equals(expected, linked)) {
                        problems.add(fw + ": links to table " + linked + " in Airtable, the mapping links to '"
                                + f.link() + "' (" + expected + ")");
                    }
                }
            }
        }
        return problems;
    }
}
