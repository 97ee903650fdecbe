package io.airsync.fieldtype;

import io.airsync.airtable.AirtableLimits;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text types (singleLineText, multilineText, email, phoneNumber, url). Strings as they are, with line endings
 * made {@code \n}, NUL and other control characters (except tab and newline) removed, cut to 100,000 characters;
 * single-line types are trimmed. Numbers, booleans, dates (ISO 8601 UTC) and ObjectIds (hex) are written as text; an
 * array is joined with the field's separator (default {@code ", "}), blank elements dropped. A nested document is an
 * error. Canonical: line endings {@code \n}; single-line types trimmed, multilineText without trailing whitespace (a
 * change in trailing whitespace alone is not a change).
 */
abstract class TextFieldType implements WritableFieldType {

    private final String airtableName;
    /** Newlines become spaces (singleLineText only: the other single-line types keep what Airtable keeps). */
    private final boolean newlinesToSpaces;
    private final boolean multiline;

    TextFieldType(String airtableName, boolean newlinesToSpaces, boolean multiline) {
        this.airtableName = airtableName;
        this.newlinesToSpaces = newlinesToSpaces;
        this.multiline = multiline;
    }

    @Override
    public String airtableName() {
        return airtableName;
    }

    @Override
    public ValueShape writes() {
        return ValueShape.TEXT;
    }

    @Override
    public Set<ValueShape> accepts() {
        return Set.of(ValueShape.TEXT, ValueShape.CHOICE);
    }

    @Override
    public boolean canHoldKey() {
        return true;
    }

    @Override
    public Set<MappingOption> mappingOptions() {
        return Set.of(MappingOption.SEPARATOR);
    }

    @Override
    public ConvertedValue convert(Object v, FieldSettings field, ZoneId zone) {
        String raw;
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object element : list) {
                Object e = Values.unwrap(element);
                if (e == null) {
                    continue;
                }
                if (e instanceof List<?> || e instanceof Map<?, ?>) {
                    throw new Rejected("expected text or an array of values, got an array holding "
                            + Values.describe(e));
                }
                String s = Values.scalarText(e).strip();
                if (!s.isEmpty()) {
                    parts.add(s);
                }
            }
            raw = String.join(field.separatorOrDefault(), parts);
        } else if (v instanceof Map<?, ?>) {
            throw new Rejected("expected text, got " + Values.describe(v));
        } else {
            raw = Values.scalarText(v);
        }
        Texts.Cleaned cleaned = Texts.clean(raw);
        String s = cleaned.text();
        if (newlinesToSpaces) {
            s = s.replace('\n', ' ');
        }
        if (!multiline) {
            s = s.strip();
        }
        boolean truncated = s.length() > AirtableLimits.MAX_TEXT_LENGTH;
        s = Values.cutToCell(s);
        if (s.isEmpty() || (multiline && s.isBlank())) {
            return ConvertedValue.cleared().withTextFlags(false, cleaned.removed());
        }
        return ConvertedValue.ok(s).withTextFlags(truncated, cleaned.removed());
    }

    @Override
    public String canonical(Object v, ZoneId zone) {
        return multiline ? Values.emptyToNull(Texts.unixNewlines(Values.text(v)).stripTrailing())
                : Values.emptyToNull(Values.singleLine(v));
    }
}
