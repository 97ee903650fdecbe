package io.airsync.convert;

import io.airsync.fieldtype.ConvertedValue;
import io.airsync.fieldtype.Rejected;
import io.airsync.fieldtype.Values;
import io.airsync.mapping.FieldMapping;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * Turns values read from MongoDB documents into the values Airtable takes for a field's type; the rules of each type
 * are its class in {@code io.airsync.fieldtype} ({@link io.airsync.mapping.FieldType#rules()}). Stateless and
 * thread-safe; never throws: every value ends as {@link ConvertedValue#ok ok}, {@link ConvertedValue#absent absent}
 * or {@link ConvertedValue#error error}. A null or missing value is {@code absent}; an explicit empty value (blank
 * string, empty array) is {@code ok} with a null value: it clears the cell.
 */
public final class ValueConverter {

    /** Airtable numbers are JavaScript doubles: integers beyond this are not stored exactly. */
    static final BigDecimal MAX_EXACT = Values.MAX_EXACT;

    private final ZoneId zone;

    public ValueConverter(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public ZoneId zone() {
        return zone;
    }

    /** The value at a dot path of a document (see {@link DocumentPaths}); null when missing. */
    public Object read(Map<String, ?> document, String dotPath) {
        return DocumentPaths.read(document, dotPath);
    }

    /** Reads the field's source path from the document and converts it. */
    public ConvertedValue convertFrom(FieldMapping field, Map<String, ?> document) {
        return convert(field, read(document, field.source()));
    }

    /** Converts one source value for the field. Never throws. */
    public ConvertedValue convert(FieldMapping field, Object bsonValue) {
        try {
            Object v = Values.unwrap(bsonValue);
            if (v == null) {
                return ConvertedValue.absent();
            }
            return field.type().rules().convert(v, field, zone);
        } catch (Rejected e) {
            return ConvertedValue.error(e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return ConvertedValue.error("could not convert " + describeSafely(bsonValue) + ": " + e);
        }
    }

    /**
     * The key a document's {@code _id} is known by in Airtable (the key field, and link values): an ObjectId as
     * 24 hex digits, a string as is, an integer in decimal, a UUID in its usual form. Null for null.
     *
     * @throws IllegalArgumentException for an _id of another type (document, array, date...)
     */
    public static String keyOf(Object id) {
        return Values.keyOf(id);
    }

    private static String describeSafely(Object v) {
        try {
            return Values.describe(v);
        } catch (RuntimeException e) {
            return "a value of type " + v.getClass().getSimpleName();
        }
    }
}
