package io.airsync.fieldtype;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

/**
 * Airtable's {@code checkbox}: booleans, the strings "true"/"false" (any case) and the integers 1/0. Canonical:
 * {@code "true"} or empty (Airtable omits an unticked box from its answers).
 */
public final class CheckboxType implements WritableFieldType {

    @Override
    public String airtableName() {
        return "checkbox";
    }

    @Override
    public ValueShape writes() {
        return ValueShape.BOOLEAN;
    }

    @Override
    public Set<ValueShape> accepts() {
        return Set.of(ValueShape.BOOLEAN);
    }

    @Override
    public Set<MappingOption> mappingOptions() {
        return Set.of();
    }

    @Override
    public boolean canBeNaturalKey() {
        return false;
    }

    @Override
    public ConvertedValue convert(Object v, FieldSettings field, ZoneId zone) {
        if (v instanceof Boolean b) {
            return ConvertedValue.ok(b);
        }
        if (v instanceof String s) {
            String t = s.strip().toLowerCase(Locale.ROOT);
            if (t.isEmpty()) {
                return ConvertedValue.cleared();
            }
            if (t.equals("true") || t.equals("false")) {
                return ConvertedValue.ok(Boolean.valueOf(t));
            }
            throw new Rejected("expected true or false, got string " + Texts.excerpt(s));
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            long n = ((Number) v).longValue();
            if (n == 0 || n == 1) {
                return ConvertedValue.ok(n == 1);
            }
        }
        throw new Rejected("expected true or false, got " + Values.describe(v));
    }

    @Override
    public String canonical(Object v, ZoneId zone) {
        if (Boolean.TRUE.equals(v) || (v instanceof String s && s.strip().toLowerCase(Locale.ROOT).equals("true"))) {
            return "true";
        }
        if (Boolean.FALSE.equals(v) || (v instanceof String s && (s.isBlank()
                || s.strip().toLowerCase(Locale.ROOT).equals("false")))) {
            return null;
        }
        return Values.unexpected(v);
    }
}
