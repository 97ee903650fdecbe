package io.airsync.fieldtype;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numeric types (number, currency, percent). Int32, Int64, Double, Decimal128, BigDecimal, and strings that are
 * plain decimal numbers (trimmed; {@code "1,000"}, {@code "NaN"}, hex are errors); NaN and infinities are errors.
 * {@code precision} rounds HALF_UP. Airtable stores numbers as doubles, so the result is the double Airtable will hold
 * (values beyond ±2^53 are errors: Airtable would silently change them). Canonical: through that double, then
 * {@code stripTrailingZeros().toPlainString()} ({@code 3.0} and {@code 3} are {@code "3"}).
 */
abstract class NumericFieldType implements WritableFieldType {

    private final String airtableName;

    NumericFieldType(String airtableName) {
        this.airtableName = airtableName;
    }

    @Override
    public String airtableName() {
        return airtableName;
    }

    @Override
    public ValueShape writes() {
        return ValueShape.NUMBER;
    }

    @Override
    public Set<ValueShape> accepts() {
        return Set.of(ValueShape.NUMBER);
    }

    @Override
    public Set<MappingOption> mappingOptions() {
        return Set.of(MappingOption.PRECISION);
    }

    /** Decimal places of the stored number for a mapped precision (percent stores the fraction: two more). */
    int storedPlaces(int precision) {
        return precision;
    }

    /** The number before rounding (percent divides percentages by 100). */
    BigDecimal scaled(BigDecimal n, FieldSettings field) {
        return n;
    }

    @Override
    public ConvertedValue convert(Object v, FieldSettings field, ZoneId zone) {
        if (v instanceof String s && s.isBlank()) {
            return ConvertedValue.cleared();
        }
        BigDecimal n = scaled(Values.decimal(v), field);
        Values.checkRange(n, v);
        if (field.precision() != null) {
            n = n.setScale(storedPlaces(field.precision()), RoundingMode.HALF_UP);
        }
        return ConvertedValue.ok(Values.airtableNumber(n, v));
    }

    @Override
    public String canonical(Object v, ZoneId zone) {
        if (v instanceof String s && s.isBlank()) {
            return null;
        }
        String n = Values.numberOrNull(v);
        return n != null ? n : Values.unexpected(v);
    }

    /** Airtable rounds what it stores to the field's precision: the mapping's must be the same. */
    @Override
    public List<String> optionWarnings(FieldSettings field, Map<String, Object> schemaOptions) {
        if (schemaOptions == null || !(schemaOptions.get("precision") instanceof Number p)
                || field.precision() != null && field.precision() == p.intValue()) {
            return List.of();
        }
        return List.of("field '" + field.airtable() + "' has precision " + p.intValue() + " in Airtable, the mapping's "
                + "is " + (field.precision() == null ? "unset" : field.precision()) + " (set precision: " + p.intValue()
                + " so written and stored values agree)");
    }
}
