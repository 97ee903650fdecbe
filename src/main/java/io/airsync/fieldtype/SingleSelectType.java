package io.airsync.fieldtype;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Airtable's {@code singleSelect}: the value as trimmed text on one line (numbers, booleans too); arrays are errors.
 * Canonical: the choice's name, trimmed. A text field takes these values as they are.
 */
public final class SingleSelectType extends SelectFieldType {

    @Override
    public String airtableName() {
        return "singleSelect";
    }

    @Override
    public ValueShape writes() {
        return ValueShape.CHOICE;
    }

    @Override
    public Set<ValueShape> accepts() {
        return Set.of(ValueShape.CHOICE, ValueShape.TEXT);
    }

    @Override
    public ConvertedValue convert(Object v, FieldSettings field, ZoneId zone) {
        if (v instanceof List<?> list) {
            throw new Rejected("expected a single value, got an array of " + Values.plural(list.size(), "value")
                    + " (use type multipleSelects)");
        }
        if (v instanceof Map<?, ?>) {
            throw new Rejected("expected a single value, got " + Values.describe(v));
        }
        Texts.Cleaned c = Values.selectText(Values.scalarText(v));
        String s = Values.cutToCell(c.text());
        return (s.isEmpty() ? ConvertedValue.cleared() : ConvertedValue.ok(s))
                .withTextFlags(s.length() < c.text().length(), c.removed());
    }

    @Override
    public String canonical(Object v, ZoneId zone) {
        return Values.emptyToNull(Values.singleLine(v));
    }
}
