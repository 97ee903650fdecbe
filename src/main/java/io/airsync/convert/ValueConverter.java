package io.airsync.convert;

import io.airsync.airtable.AirtableLimits;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.FieldType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Turns values read from MongoDB documents into the values Airtable takes for a field's type. Stateless and
 * thread-safe; never throws: every value ends as {@link ConvertedValue#ok ok}, {@link ConvertedValue#absent absent}
 * or {@link ConvertedValue#error error}.
 *
 * <p>The rules, by Airtable type:
 * <ul>
 *   <li>Text (singleLineText, multilineText, email, phoneNumber, url): strings as they are, with line endings made
 *       {@code \n}, NUL and other control characters (except tab and newline) removed, cut to 100,000 characters;
 *       singleLineText has newlines turned into spaces, and single-line types are trimmed. Numbers, booleans, dates
 *       (ISO 8601 UTC) and ObjectIds (hex) are written as text; an array is joined with the field's separator
 *       (default {@code ", "}), blank elements dropped. A nested document is an error.</li>
 *   <li>number, currency, percent: Int32, Int64, Double, Decimal128, BigDecimal, and strings that are plain
 *       decimal numbers (trimmed; {@code "1,000"}, {@code "NaN"}, hex are errors). NaN and infinities are errors.
 *       {@code percentScale: hundred} divides by 100. {@code precision} rounds HALF_UP (for percent: decimals of
 *       the percentage, so the fraction keeps two more). Airtable stores numbers as doubles, so the result is the
 *       double Airtable will hold (values beyond ±2^53 are errors: Airtable would silently change them).</li>
 *   <li>checkbox: booleans, the strings "true"/"false" (any case), and the integers 1/0.</li>
 *   <li>date: the calendar day in the configured zone, {@code YYYY-MM-DD}; dateTime: the instant in UTC at
 *       millisecond precision, {@code 2024-01-05T10:00:00.000Z}. BSON dates, timestamps and ISO 8601 strings are
 *       read (a zone-less string is a wall-clock time in the configured zone); years outside 1..9999 and
 *       unreadable strings are errors; numbers are errors (epoch seconds or milliseconds cannot be told apart).</li>
 *   <li>singleSelect: the value as trimmed text (numbers, booleans too); arrays are errors.</li>
 *   <li>multipleSelects: each array element as trimmed text, blanks dropped, duplicates dropped keeping the first;
 *       a single value is a one-element list.</li>
 *   <li>multipleRecordLinks: the linked documents' keys ({@link #keyOf}: ObjectId as hex, strings, integers);
 *       an array gives several. The engine turns keys into Airtable record IDs.</li>
 * </ul>
 * A null or missing value is {@code absent}; an explicit empty value (blank string, empty array) is {@code ok}
 * with a null value: it clears the cell.
 */
public final class ValueConverter {

    /** Airtable numbers are JavaScript doubles: integers beyond this are not stored exactly. */
    static final BigDecimal MAX_EXACT = BigDecimal.valueOf((1L << 53) - 1);
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");

    /** Longer numeric strings are not numbers anyone meant (and would make rounding slow). */
    private static final int MAX_NUMBER_TEXT = 400;

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
            Object v = unwrap(bsonValue);
            if (v == null) {
                return ConvertedValue.absent();
            }
            FieldType type = field.type();
            return switch (type) {
                case SINGLE_LINE_TEXT, MULTILINE_TEXT, EMAIL, PHONE_NUMBER, URL -> text(field, v);
                case NUMBER, CURRENCY, PERCENT -> number(field, v);
                case CHECKBOX -> checkbox(v);
                case DATE -> date(v);
                case DATE_TIME -> dateTime(v);
                case SINGLE_SELECT -> singleSelect(v);
                case MULTIPLE_SELECTS -> multipleSelects(v);
                case LINK -> links(v);
            };
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
        Object v = unwrap(id);
        if (v == null) {
            return null;
        }
        if (v instanceof ObjectId oid) {
            return oid.toHexString();
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof UUID u) {
            return u.toString();
        }
        throw new IllegalArgumentException("an _id of type " + v.getClass().getSimpleName()
                + " cannot be a key (use ObjectId, string or integer ids)");
    }

    // --------------------------------------------------------------------------------------------- text

    private ConvertedValue text(FieldMapping field, Object v) {
        String raw;
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object element : list) {
                Object e = unwrap(element);
                if (e == null) {
                    continue;
                }
                if (e instanceof List<?> || e instanceof Map<?, ?>) {
                    throw new Rejected("expected text or an array of values, got an array holding "
                            + describe(e));
                }
                String s = scalarText(e).strip();
                if (!s.isEmpty()) {
                    parts.add(s);
                }
            }
            raw = String.join(field.separatorOrDefault(), parts);
        } else if (v instanceof Map<?, ?>) {
            throw new Rejected("expected text, got " + describe(v));
        } else {
            raw = scalarText(v);
        }
        Texts.Cleaned cleaned = Texts.clean(raw);
        String s = cleaned.text();
        if (field.type() == FieldType.SINGLE_LINE_TEXT) {
            s = s.replace('\n', ' ');
        }
        if (field.type() != FieldType.MULTILINE_TEXT) {
            s = s.strip();
        }
        boolean truncated = s.length() > AirtableLimits.MAX_TEXT_LENGTH;
        s = Texts.cut(s, AirtableLimits.MAX_TEXT_LENGTH);
        if (s.isEmpty() || (field.type() == FieldType.MULTILINE_TEXT && s.isBlank())) {
            return ConvertedValue.cleared().withTextFlags(false, cleaned.removed());
        }
        return ConvertedValue.ok(s).withTextFlags(truncated, cleaned.removed());
    }

    /** A scalar as text (numbers plain, dates ISO 8601 UTC, ObjectIds hex). */
    private static String scalarText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof ObjectId oid) {
            return oid.toHexString();
        }
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof Number || v instanceof Decimal128) {
            return plain(decimal(v));
        }
        Object t = Temporals.temporal(v);
        if (t instanceof LocalDate d) {
            return d.toString();
        }
        if (t != null) {
            String s = Temporals.formatDateTime(Temporals.toInstant(t, ZoneId.of("UTC")));
            if (s == null) {
                throw new Rejected("date " + t + " is outside the years 1 to 9999");
            }
            return s;
        }
        if (v instanceof UUID || v instanceof Character) {
            return v.toString();
        }
        throw new Rejected("expected text, got " + describe(v));
    }

    // --------------------------------------------------------------------------------------------- numbers

    private ConvertedValue number(FieldMapping field, Object v) {
        if (v instanceof String s && s.isBlank()) {
            return ConvertedValue.cleared();
        }
        BigDecimal n = decimal(v);
        boolean percent = field.type() == FieldType.PERCENT;
        if (percent && field.percentOfHundred()) {
            n = n.movePointLeft(2);
        }
        checkRange(n, v);
        if (field.precision() != null) {
            int places = field.precision() + (percent ? 2 : 0);
            n = n.setScale(places, RoundingMode.HALF_UP);
        }
        return ConvertedValue.ok(airtableNumber(n, v));
    }

    /** The number Airtable will hold: the double nearest to n, in its shortest decimal form, plain. */
    static BigDecimal airtableNumber(BigDecimal n, Object original) {
        checkRange(n, original);
        BigDecimal stored = BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros();
        return stored.scale() < 0 ? stored.setScale(0) : stored;
    }

    private static void checkRange(BigDecimal n, Object original) {
        if (n.abs().compareTo(MAX_EXACT) > 0) {
            throw new Rejected(describe(original) + " is too large for Airtable, which stores numbers as doubles "
                    + "(at most " + MAX_EXACT.toPlainString() + " in size)");
        }
    }

    /** A finite decimal from a numeric BSON value or a numeric string. */
    private static BigDecimal decimal(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new Rejected("expected a finite number, got " + d);
            }
            return v instanceof Float f ? new BigDecimal(f.toString()) : BigDecimal.valueOf(d);
        }
        if (v instanceof BigDecimal b) {
            return b;
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Decimal128 d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new Rejected("expected a finite number, got Decimal128 " + d);
            }
            try {
                return d.bigDecimalValue();
            } catch (ArithmeticException negativeZero) {
                return BigDecimal.ZERO;
            }
        }
        if (v instanceof Number n) {
            return decimal(n.doubleValue());
        }
        if (v instanceof String s) {
            String t = s.strip();
            if (t.length() <= MAX_NUMBER_TEXT && DECIMAL.matcher(t).matches()) {
                return new BigDecimal(t);
            }
            throw new Rejected("expected a number, got string " + Texts.excerpt(s));
        }
        if (v instanceof List<?> list) {
            throw new Rejected("expected a single number, got an array of " + list.size() + " value"
                    + (list.size() == 1 ? "" : "s"));
        }
        throw new Rejected("expected a number, got " + describe(v));
    }

    /** Plain digits (no exponent) unless that would be absurdly long. */
    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() > 40 || s.precision() - s.scale() > 40) {
            return s.toString();
        }
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    // --------------------------------------------------------------------------------------------- checkbox

    private static ConvertedValue checkbox(Object v) {
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
        throw new Rejected("expected true or false, got " + describe(v));
    }

    // --------------------------------------------------------------------------------------------- dates

    private ConvertedValue date(Object v) {
        Object t = temporalOrReject(v, "a date");
        if (t == null) {
            return ConvertedValue.cleared();
        }
        LocalDate day = Temporals.toDate(t, zone);
        String s = Temporals.formatDate(day);
        if (s == null) {
            throw new Rejected("date " + day + " is outside the years 1 to 9999 (got " + describe(v) + ")");
        }
        return ConvertedValue.ok(s);
    }

    private ConvertedValue dateTime(Object v) {
        Object t = temporalOrReject(v, "a date-time");
        if (t == null) {
            return ConvertedValue.cleared();
        }
        Instant instant = Temporals.toInstant(t, zone);
        String s = Temporals.formatDateTime(instant);
        if (s == null) {
            throw new Rejected("date-time " + instant + " is outside the years 1 to 9999 (got " + describe(v) + ")");
        }
        return ConvertedValue.ok(s);
    }

    /** The temporal, null for a blank string, or a rejection. */
    private static Object temporalOrReject(Object v, String what) {
        Object t = Temporals.temporal(v);
        if (t != null) {
            return t;
        }
        if (v instanceof String s) {
            if (s.isBlank()) {
                return null;
            }
            Object parsed = Temporals.parse(s);
            if (parsed == null) {
                throw new Rejected("expected " + what + " (ISO 8601, e.g. 2024-01-05 or 2024-01-05T10:00:00Z), got "
                        + "string " + Texts.excerpt(s));
            }
            return parsed;
        }
        if (v instanceof Number || v instanceof Decimal128) {
            throw new Rejected("expected " + what + ", got " + describe(v) + " (epoch numbers are ambiguous: store "
                    + "a BSON date or an ISO 8601 string)");
        }
        throw new Rejected("expected " + what + ", got " + describe(v));
    }

    // --------------------------------------------------------------------------------------------- selects, links

    private static ConvertedValue singleSelect(Object v) {
        if (v instanceof List<?> list) {
            throw new Rejected("expected a single value, got an array of " + list.size() + " value"
                    + (list.size() == 1 ? "" : "s") + " (use type multipleSelects)");
        }
        if (v instanceof Map<?, ?>) {
            throw new Rejected("expected a single value, got " + describe(v));
        }
        Texts.Cleaned c = selectText(scalarText(v));
        String s = Texts.cut(c.text(), AirtableLimits.MAX_TEXT_LENGTH);
        return (s.isEmpty() ? ConvertedValue.cleared() : ConvertedValue.ok(s))
                .withTextFlags(s.length() < c.text().length(), c.removed());
    }

    private static Texts.Cleaned selectText(String raw) {
        Texts.Cleaned c = Texts.clean(raw);
        return new Texts.Cleaned(c.text().replace('\n', ' ').strip(), c.removed());
    }

    private static ConvertedValue multipleSelects(Object v) {
        List<?> elements = v instanceof List<?> l ? l : List.of(v);
        Set<String> values = new LinkedHashSet<>();
        boolean removed = false;
        boolean truncated = false;
        for (Object element : elements) {
            Object e = unwrap(element);
            if (e == null) {
                continue;
            }
            if (e instanceof List<?> || e instanceof Map<?, ?>) {
                throw new Rejected("expected an array of values, got an array holding " + describe(e));
            }
            Texts.Cleaned c = selectText(scalarText(e));
            removed |= c.removed();
            String s = Texts.cut(c.text(), AirtableLimits.MAX_TEXT_LENGTH);
            truncated |= s.length() < c.text().length();
            if (!s.isEmpty()) {
                values.add(s);
            }
        }
        return (values.isEmpty() ? ConvertedValue.cleared() : ConvertedValue.ok(List.copyOf(values)))
                .withTextFlags(truncated, removed);
    }

    private static ConvertedValue links(Object v) {
        List<?> elements = v instanceof List<?> l ? l : List.of(v);
        Set<String> keys = new LinkedHashSet<>();
        for (Object element : elements) {
            Object e = unwrap(element);
            if (e instanceof org.bson.types.ObjectId || e instanceof String || e instanceof Integer
                    || e instanceof Long || e instanceof UUID) {
                String key = keyOf(e).strip();
                if (!key.isEmpty()) {
                    keys.add(key);
                }
            } else if (e instanceof com.mongodb.DBRef ref) {
                keys.add(keyOf(ref.getId()));
            } else if (e instanceof Map<?, ?> m && m.containsKey("_id")) {
                keys.add(keyOf(m.get("_id")));
            } else if (e != null) {
                throw new Rejected("expected the _id of a linked document (ObjectId or string), got " + describe(e));
            }
        }
        return keys.isEmpty() ? ConvertedValue.cleared() : ConvertedValue.ok(List.copyOf(keys));
    }

    // --------------------------------------------------------------------------------------------- helpers

    /** BsonValues (from a BsonDocument) to the plain Java values a Document holds. */
    static Object unwrap(Object v) {
        if (!(v instanceof BsonValue b)) {
            return v;
        }
        return switch (b.getBsonType()) {
            case NULL, UNDEFINED -> null;
            case STRING -> b.asString().getValue();
            case SYMBOL -> b.asSymbol().getSymbol();
            case INT32 -> b.asInt32().getValue();
            case INT64 -> b.asInt64().getValue();
            case DOUBLE -> b.asDouble().getValue();
            case DECIMAL128 -> b.asDecimal128().getValue();
            case BOOLEAN -> b.asBoolean().getValue();
            case DATE_TIME -> new Date(b.asDateTime().getValue());
            case TIMESTAMP -> b.asTimestamp();
            case OBJECT_ID -> b.asObjectId().getValue();
            case ARRAY -> unwrapArray(b.asArray());
            case DOCUMENT -> unwrapDocument(b.asDocument());
            default -> b;
        };
    }

    private static List<Object> unwrapArray(BsonArray a) {
        List<Object> out = new ArrayList<>(a.size());
        for (BsonValue e : a) {
            out.add(unwrap(e));
        }
        return out;
    }

    private static Map<String, Object> unwrapDocument(BsonDocument d) {
        Map<String, Object> out = new LinkedHashMap<>();
        d.forEach((k, e) -> out.put(k, unwrap(e)));
        return out;
    }

    /** What a value is, for error messages: its kind and a short excerpt. */
    static String describe(Object v) {
        v = unwrap(v);
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "string " + Texts.excerpt(s);
        }
        if (v instanceof Boolean b) {
            return "boolean " + b;
        }
        if (v instanceof Decimal128 d) {
            return "Decimal128 " + d;
        }
        if (v instanceof Number n) {
            return "number " + (n instanceof BigDecimal b ? Texts.excerpt(b.toString()) : n.toString());
        }
        if (v instanceof ObjectId oid) {
            return "ObjectId " + oid.toHexString();
        }
        if (v instanceof Date d) {
            return "date " + d.toInstant();
        }
        if (v instanceof List<?> l) {
            return "an array of " + l.size() + " value" + (l.size() == 1 ? "" : "s");
        }
        if (v instanceof Map<?, ?> m) {
            String keys = String.join(", ", m.keySet().stream().map(String::valueOf).limit(5).toList());
            return "a nested document {" + keys + (m.size() > 5 ? ", ..." : "") + "}";
        }
        return "a value of type " + v.getClass().getSimpleName();
    }

    private static String describeSafely(Object v) {
        try {
            return describe(v);
        } catch (RuntimeException e) {
            return "a value of type " + v.getClass().getSimpleName();
        }
    }

    /** A value that cannot go into the field; its message is the reason. */
    static final class Rejected extends RuntimeException {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
