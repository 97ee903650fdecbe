package io.airsync.profile;

import io.airsync.fieldtype.ConvertedValue;
import io.airsync.fieldtype.TextShape;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.TableMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * The value profile of one table in one run: one {@link FieldProfile} per mapped field, fed with every value as it is
 * converted. At the end it gives the warnings for values that contradict the mapping and what conversion changed in
 * text fields. Pure (no I/O); not thread-safe (a table's documents are converted on one thread).
 */
public final class TableProfile {

    private final String table;
    private final List<FieldProfile> fields;

    public TableProfile(TableMapping mapping) {
        this.table = mapping.name();
        this.fields = mapping.fields().stream().map(FieldProfile::new).toList();
    }

    /**
     * Counts one converted value of the field at {@code fieldIndex} (the mapping's field order).
     *
     * @param recordId the document's key, kept as an example when the value contradicts the mapping
     * @param raw      the value read from the document, before conversion
     * @return what contradicts the mapping in the value, or null
     */
    public ValueKind observe(int fieldIndex, String recordId, Object raw, ConvertedValue cv) {
        return fields.get(fieldIndex).observe(recordId, raw, cv);
    }

    public FieldProfile field(int fieldIndex) {
        return fields.get(fieldIndex);
    }

    /** Every warning, field by field in mapping order. */
    public List<ValueWarning> warnings() {
        List<ValueWarning> out = new ArrayList<>();
        for (FieldProfile f : fields) {
            out.addAll(f.warnings(table));
        }
        return out;
    }

    /** Every field's counts and ranges, in mapping order. */
    public List<FieldStats> stats() {
        return fields.stream().map(FieldProfile::stats).toList();
    }

    /** Text fields whose values conversion changed (control characters removed, cut, arrays joined). */
    public List<TextChanges> textChanges() {
        return fields.stream().map(FieldProfile::textChanges).filter(TextChanges::any).toList();
    }

    /** The message a record fails with under {@code strict}, for a value of the given kind. */
    public static String strictFailure(FieldMapping field, ValueKind kind) {
        return switch (kind) {
            case PERCENT_SCALE -> field.percentOfHundred()
                    ? "a value between -1 and 1 in a percent field whose percentScale is hundred (42 = 42%): a fraction?"
                    : "a value beyond ±1 in a percent field whose percentScale is fraction (0.42 = 42%): a percentage?";
            case DECIMALS_LOST -> "a value with decimals in a field of precision 0";
            case TEXT_SHAPE -> "the text is not " + field.type().rules().textShape().map(TextShape::singular)
                    .orElse("well-formed");
            case ARRAY_JOINED -> "an array of several values for a single " + field.type().airtableName() + " field";
            case DATE_OUTLIER -> "a date far from the field's other dates";
        } + " (the field is strict; the record is not sent)";
    }
}
