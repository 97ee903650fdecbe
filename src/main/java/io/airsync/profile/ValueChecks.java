package io.airsync.profile;

import io.airsync.fieldtype.ConvertedValue;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.types.Decimal128;

/**
 * The rules that say whether one source value contradicts its field's mapping. Pure and stateless; the whole-field
 * rules (all values of a percent field below 1, dates far from the others) are {@link FieldProfile}'s.
 *
 * <ul>
 *   <li>{@link ValueKind#PERCENT_SCALE}: under {@code percentScale: hundred}, a value strictly between -1 and 1 other
 *       than 0 (a fraction, written 100 times too small); under {@code fraction}, a value beyond ±1 (a percentage,
 *       written 100 times too large).</li>
 *   <li>{@link ValueKind#DECIMALS_LOST}: precision 0 and a value with decimals (for percent: decimals of the
 *       percentage).</li>
 *   <li>{@link ValueKind#ARRAY_JOINED}: a text field without a {@code separator} fed an array of several values.</li>
 *   <li>{@link ValueKind#TEXT_SHAPE}: text without the shape of its type (e-mail, phone number, URL: each type's
 *       {@code TextShape}).</li>
 * </ul>
 */
public final class ValueChecks {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ValueChecks() {
    }

    /**
     * What is wrong with a value that converted ({@code cv} ok with a value), or null when nothing is.
     *
     * @param raw the value read from the source document, before conversion
     */
    public static ValueKind check(FieldMapping field, Object raw, ConvertedValue cv) {
        if (!cv.isOk() || cv.value() == null) {
            return null;
        }
        FieldType type = field.type();
        if (type.isNumeric()) {
            BigDecimal n = number(raw);
            if (n == null) {
                return null;
            }
            if (type == FieldType.PERCENT && percentScaleContradicted(field, n)) {
                return ValueKind.PERCENT_SCALE;
            }
            if (field.precision() != null && field.precision() == 0 && hasDecimals(shown(field, n))) {
                return ValueKind.DECIMALS_LOST;
            }
            return null;
        }
        if (type.isText()) {
            if (field.separator() == null && severalValues(raw)) {
                return ValueKind.ARRAY_JOINED;
            }
            if (!hasShape(type, String.valueOf(cv.value()))) {
                return ValueKind.TEXT_SHAPE;
            }
        }
        return null;
    }

    static boolean percentScaleContradicted(FieldMapping field, BigDecimal n) {
        int againstOne = n.abs().compareTo(BigDecimal.ONE);
        return field.percentOfHundred() ? againstOne < 0 && n.signum() != 0 : againstOne > 0;
    }

    /** The number as Airtable shows it: for percent fields, the percentage. */
    static BigDecimal shown(FieldMapping field, BigDecimal n) {
        return field.type() == FieldType.PERCENT && !field.percentOfHundred() ? n.multiply(HUNDRED) : n;
    }

    static boolean hasDecimals(BigDecimal n) {
        return n.stripTrailingZeros().scale() > 0;
    }

    /** True for text that has the shape of its type (its {@code TextShape}; always true for plain text types). */
    public static boolean hasShape(FieldType type, String text) {
        return type.rules().textShape().map(shape -> shape.matches(text)).orElse(true);
    }

    /** An array holding two or more non-blank values (one value alone is written as it is). */
    static boolean severalValues(Object raw) {
        if (!(raw instanceof List<?> list)) {
            return false;
        }
        int n = 0;
        for (Object e : list) {
            if (e != null && !String.valueOf(e).isBlank() && ++n > 1) {
                return true;
            }
        }
        return false;
    }

    /** A source value as a number, or null when it is none (the converter decides what that means). */
    static BigDecimal number(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (raw instanceof BigDecimal b) {
            return b;
        }
        if (raw instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (raw instanceof Decimal128 d) {
            try {
                return d.isNaN() || d.isInfinite() ? null : d.bigDecimalValue();
            } catch (ArithmeticException negativeZero) {
                return BigDecimal.ZERO;
            }
        }
        if (raw instanceof String s) {
            String t = s.strip();
            return t.length() <= 100 && DECIMAL.matcher(t).matches() ? new BigDecimal(t) : null;
        }
        return null;
    }
}
