package io.airsync.fieldtype;

import io.airsync.airtable.AirtableLimits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** What the field types share: reading BSON values, describing them in errors, numbers and text as Airtable holds them. */
public final class Values {

    /** Airtable numbers are JavaScript doubles: integers beyond this are not stored exactly. */
    public static final BigDecimal MAX_EXACT = BigDecimal.valueOf((1L << 53) - 1);
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,4})?");

    /** Longer numeric strings are not numbers anyone meant (and would make rounding slow). */
    private static final int MAX_NUMBER_TEXT = 400;

    private Values() {
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

    /** BsonValues (from a BsonDocument) to the plain Java values a Document holds. */
    public static Object unwrap(Object v) {
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
    public static String describe(Object v) {
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

    static String describeSafely(Object v) {
        try {
            return describe(v);
        } catch (RuntimeException e) {
            return "a value of type " + v.getClass().getSimpleName();
        }
    }

    // ------------------------------------------------------------------------------------------ writing

    /** A scalar as text (numbers plain, dates ISO 8601 UTC, ObjectIds hex). */
    static String scalarText(Object v) {
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

    /** The number Airtable will hold: the double nearest to n, in its shortest decimal form, plain. */
    static BigDecimal airtableNumber(BigDecimal n, Object original) {
        checkRange(n, original);
        BigDecimal stored = BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros();
        return stored.scale() < 0 ? stored.setScale(0) : stored;
    }

    static void checkRange(BigDecimal n, Object original) {
        if (n.abs().compareTo(MAX_EXACT) > 0) {
            throw new Rejected(describe(original) + " is too large for Airtable, which stores numbers as doubles "
                    + "(at most " + MAX_EXACT.toPlainString() + " in size)");
        }
    }

    /** A finite decimal from a numeric BSON value or a numeric string. */
    static BigDecimal decimal(Object v) {
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
    static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() > 40 || s.precision() - s.scale() > 40) {
            return s.toString();
        }
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** A select choice as written: cleaned text on one line, trimmed. */
    static Texts.Cleaned selectText(String raw) {
        Texts.Cleaned c = Texts.clean(raw);
        return new Texts.Cleaned(c.text().replace('\n', ' ').strip(), c.removed());
    }

    static String cutToCell(String s) {
        return Texts.cut(s, AirtableLimits.MAX_TEXT_LENGTH);
    }

    // ------------------------------------------------------------------------------------------ canonical forms

    /** Text on one line, trimmed: the canonical of single-line types. */
    static String singleLine(Object v) {
        return Texts.unixNewlines(text(v)).replace('\n', ' ').strip();
    }

    /** A value read back as text (a select choice may come as an object with a name). */
    static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Map<?, ?> m && m.get("name") instanceof String name) {
            return name; // a select choice as an object
        }
        if (v instanceof Number || v instanceof Decimal128) {
            String n = numberOrNull(v);
            return n != null ? n : String.valueOf(v);
        }
        return unexpected(v);
    }

    /** Via the double Airtable holds, so 0.1 written as BigDecimal and 0.1 read as Double agree. */
    static String numberOrNull(Object v) {
        double d;
        if (v instanceof Decimal128 dec) {
            if (dec.isNaN() || dec.isInfinite()) {
                return null;
            }
            d = dec.doubleValue();
        } else if (v instanceof Number n) {
            d = n.doubleValue();
        } else if (v instanceof String s) {
            try {
                d = new BigDecimal(s.strip()).doubleValue();
            } catch (NumberFormatException e) {
                return null;
            }
        } else {
            return null;
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
        return (b.scale() < 0 ? b.setScale(0) : b).toPlainString();
    }

    /** Sorted, de-duplicated, one element per line with {@code \\} and newlines escaped (order is not significant). */
    static String unorderedList(Object v) {
        List<?> elements = v instanceof List<?> l ? l : List.of(v);
        TreeSet<String> values = new TreeSet<>();
        for (Object element : elements) {
            Object e = unwrap(element);
            if (e == null) {
                continue;
            }
            String s;
            if (e instanceof Map<?, ?> m && m.get("id") instanceof String id) {
                s = id; // a linked record as {id, name}
            } else if (e instanceof String || e instanceof Number || e instanceof Decimal128
                    || e instanceof Map<?, ?>) {
                s = singleLine(e);
            } else if (e instanceof ObjectId oid) {
                s = oid.toHexString();
            } else {
                s = unexpected(e);
            }
            if (!s.isEmpty()) {
                values.add(s);
            }
        }
        if (values.isEmpty()) {
            return null;
        }
        List<String> escaped = new ArrayList<>(values.size());
        for (String s : values) {
            escaped.add(s.replace("\\", "\\\\").replace("\n", "\\n"));
        }
        return String.join("\n", escaped);
    }

    /** Never equal to a well-formed canonical: it starts with a character none of those can start with. */
    static String unexpected(Object v) {
        return "\u0000" + v.getClass().getSimpleName() + ":" + v;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
