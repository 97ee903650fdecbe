package io.airsync.sync;

import io.airsync.airtable.BaseSchema;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.TableMapping;
import io.airsync.report.RunReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The run-time check of one mapped table against the base's schema, before any record is read. */
final class TableSchemaCheck {

    private TableSchemaCheck() {
    }

    /**
     * Fails the table ({@link TableFailure}) when Airtable lacks it, the key field or a mapped field, or when a field's
     * type cannot take the mapped values (retyped, computed); warns about doubtful types that still fit. Returns the
     * select options Airtable has, so values it would refuse are failed before they are sent.
     */
    static SelectOptions check(TableMapping table, BaseSchema schema, String baseId, RunReport.TableReport report) {
        BaseSchema.TableSchema ts = schema.table(table.airtableTable()).orElseThrow(() -> new TableFailure(
                "Airtable table '" + table.airtableTable() + "' does not exist in base " + baseId
                        + " (renamed or deleted?)"));
        SelectOptions options = new SelectOptions();
        List<String> missing = new ArrayList<>();
        List<String> incompatible = new ArrayList<>();
        ts.field(table.keyField()).ifPresentOrElse(
                key -> SchemaCompatibility.keyIncompatibility(table.keyField(), key).ifPresent(incompatible::add),
                () -> missing.add(table.keyField() + " (key field)"));
        for (FieldMapping f : table.fields()) {
            ts.field(f.airtable()).ifPresentOrElse(fs -> {
                SchemaCompatibility.check(f, fs).ifPresent(report.warnings::add);
                SchemaCompatibility.incompatibility(f, fs).ifPresent(incompatible::add);
                selectChoices(fs).ifPresent(choices -> options.put(f.airtable(), choices));
            }, () -> missing.add(f.airtable()));
        }
        if (!missing.isEmpty()) {
            report.missingAirtableFields.addAll(missing);
            throw new TableFailure("mapped field" + (missing.size() > 1 ? "s" : "") + " missing in Airtable table '"
                    + ts.name() + "': " + String.join(", ", missing));
        }
        if (!incompatible.isEmpty()) {
            throw new TableFailure(String.join("; ", incompatible) + " in Airtable table '" + ts.name()
                    + "': Airtable would refuse the values (retyped? fix the field or the mapping)");
        }
        return options;
    }

    /** The option names of a select field as Airtable has them; empty for other fields. */
    private static Optional<Set<String>> selectChoices(BaseSchema.FieldSchema fs) {
        if (!fs.type().equals("singleSelect") && !fs.type().equals("multipleSelects") || fs.options() == null
                || !(fs.options().get("choices") instanceof List<?> list)) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        for (Object choice : list) {
            if (choice instanceof Map<?, ?> m && m.get("name") != null) {
                names.add(String.valueOf(m.get("name")));
            }
        }
        return Optional.of(names);
    }
}
