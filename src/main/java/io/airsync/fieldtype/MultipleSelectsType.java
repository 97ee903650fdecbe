package io.airsync.fieldtype;

import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Airtable's {@code multipleSelects}: each array element as trimmed text, blanks dropped, duplicates dropped keeping
 * the first; a single value is a one-element list. Canonical: sorted and de-duplicated (Airtable keeps its own order).
 */
public final class MultipleSelectsType extends SelectFieldType {

    @Override
    public String airtableName() {
        return "multipleSelects";
    }

    @Override
    public ValueShape writes() {
        return ValueShape.CHOICES;
    }

    @Override
    public Set<ValueShape> accepts() {
        return Set.of(ValueShape.CHOICES);
    }

    @Override
    public boolean canBeNaturalKey() {
        return false;
    }

    @Override
    public ConvertedValue convert(Object v, FieldSettings field, ZoneId zone) {
        List<?> elements = v instanceof List<?> l ? l : List.of(v);
        Set<String> values = new LinkedHashSet<>();
        boolean removed = false;
        boolean truncated = false;
        for (Object element : elements) {
            Object e = Values.unwrap(element);
            if (e == null) {
                continue;
            }
            if (e instanceof List<?> || e instanceof Map<?, ?>) {
                throw new Rejected("expected an array of values, got an array holding " + Values.describe(e));
            }
            Texts.Cleaned c = Values.selectText(Values.scalarText(e));
            removed |= c.removed();
            String s = Values.cutToCell(c.text());
            truncated |= s.length() < c.text().length();
            if (!s.isEmpty()) {
                values.add(s);
            }
        }
        return (values.isEmpty() ? ConvertedValue.cleared() : ConvertedValue.ok(List.copyOf(values)))
                .withTextFlags(truncated, removed);
    }

    @Override
    public String canonical(Object v, ZoneId zone) {
        return Values.unorderedList(v);
    }
}
