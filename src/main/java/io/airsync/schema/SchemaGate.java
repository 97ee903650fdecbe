package io.airsync.schema;

import io.airsync.airtable.BaseSchema;
import io.airsync.airtable.BaseSchema.FieldSchema;
import io.airsync.airtable.BaseSchema.TableSchema;
import io.airsync.fieldtype.AirtableFieldType;
import io.airsync.fieldtype.FieldTypes;
import io.airsync.fieldtype.MultipleRecordLinksType;
import io.airsync.fieldtype.WritableFieldType;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.FieldType;
import io.airsync.mapping.MirrorMode;
import io.airsync.mapping.SyncMapping;
import io.airsync.mapping.TableMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one check of a mapping against the Airtable base schema (metadata API), run for every table before anything is
 * written to it: the table, the key field (text), every mapped field and its type (what the mapping writes must be
 * something the Airtable type accepts; a computed field accepts nothing), link fields pointing at the mapped target
 * table, the mirror flag field (a checkbox). What Airtable would refuse fails the table; what works but differs (a
 * text field mapped onto a select, a precision that is not the mapping's) is a warning. The select choices found
 * are handed on ({@link SelectChoices}). What each type accepts is its class's business ({@link FieldTypes}).
 */
public final class SchemaGate {

    private SchemaGate() {
    }

    /** How one mapped table fits the base. */
    public static TableFit check(SyncMapping mapping, TableMapping table, BaseSchema schema, String baseId) {
        TableSchema ts = schema.table(table.airtableTable()).orElse(null);
        if (ts == null) {
            return new TableFit(table.airtableTable(), "Airtable table '" + table.airtableTable()
                    + "' does not exist in base " + baseId + " (renamed or deleted?)", List.of(), List.of(), List.of(),
                    Map.of());
        }
        List<String> missing = new ArrayList<>();
        List<String> incompatible = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Set<String>> choices = new LinkedHashMap<>();

        ts.field(table.keyField()).ifPresentOrElse(key -> {
            if (!FieldTypes.ofAirtable(key.type()).canHoldKey()) {
                incompatible.add("key field '" + table.keyField() + "' is " + key.type() + " (not text)");
            }
        }, () -> missing.add(table.keyField() + " (key field)"));

        for (FieldMapping f : table.fields()) {
            FieldSchema fs = ts.field(f.airtable()).orElse(null);
            if (fs == null) {
                missing.add(f.airtable());
                continue;
            }
            WritableFieldType mapped = f.type().rules();
            AirtableFieldType actual = FieldTypes.ofAirtable(fs.type());
            actual.choices(fs.options()).ifPresent(c -> choices.put(f.airtable(), c));
            if (!fs.type().equals(mapped.airtableName())) {
                if (actual.computed()) {
                    incompatible.add("field '" + f.airtable() + "' is a computed " + fs.type() + " field");
                } else if (!actual.accepts().contains(mapped.writes())) {
                    incompatible.add("field '" + f.airtable() + "' is mapped as " + mapped.airtableName() + " but is "
                            + fs.type());
                } else {
                    warnings.add("field '" + f.airtable() + "' is mapped as " + mapped.airtableName() + " but is "
                            + fs.type() + " in Airtable (values still fit)");
                }
                continue;
            }
            warnings.addAll(mapped.optionWarnings(f, fs.options()));
            if (f.isLink()) {
                linkProblem(mapping, schema, f, fs).ifPresent(incompatible::add);
            }
        }

        if (table.mirror() != null && table.mirror().mode() == MirrorMode.flag) {
            String flag = table.mirror().flagField();
            ts.field(flag).ifPresentOrElse(fs -> {
                if (!fs.type().equals(FieldType.CHECKBOX.airtableName())) {
                    incompatible.add("mirror flag field '" + flag + "' is " + fs.type() + " (not checkbox)");
                }
            }, () -> missing.add(flag + " (mirror flag field)"));
        }
        return new TableFit(ts.name(), null, List.copyOf(missing), List.copyOf(incompatible), List.copyOf(warnings),
                Map.copyOf(choices));
    }

    /** A link field must point at the Airtable table its mapped target syncs to (else every link is refused). */
    private static java.util.Optional<String> linkProblem(SyncMapping mapping, BaseSchema schema, FieldMapping f,
            FieldSchema fs) {
        if (mapping == null) {
            return java.util.Optional.empty();
        }
        TableSchema target = mapping.table(f.link()).flatMap(t -> schema.table(t.airtableTable())).orElse(null);
        String linked = MultipleRecordLinksType.linkedTableId(fs.options());
        if (target == null || linked == null || Objects.equals(target.id(), linked)) {
            return java.util.Optional.empty();
        }
        String linkedName = schema.table(linked).map(TableSchema::name).orElse(linked);
        return java.util.Optional.of("field '" + f.airtable() + "' links to table '" + linkedName
                + "' but the mapping links it to '" + f.link() + "' (Airtable table '" + target.name() + "', "
                + target.id() + ")");
    }

    /**
     * Every table's findings, each line naming the table: what would fail it, then the warnings. Empty when the base
     * fits the mapping exactly (the shipped base schema must).
     */
    public static List<String> findings(SyncMapping mapping, BaseSchema schema, String baseId) {
        List<String> lines = new ArrayList<>();
        for (TableMapping t : mapping.tables()) {
            TableFit fit = check(mapping, t, schema, baseId);
            String where = "table '" + t.name() + "': ";
            if (fit.tableMissing() != null) {
                lines.add(where + fit.tableMissing());
                continue;
            }
            fit.missing().forEach(m -> lines.add(where + "missing in Airtable: " + m));
            fit.incompatible().forEach(x -> lines.add(where + x));
            fit.warnings().forEach(w -> lines.add(where + w));
        }
        return lines;
    }
}
