package io.airsync.convert;

import io.airsync.mapping.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.bson.types.Decimal128;

/**
 * The canonical form of a cell value, for change detection: a value Airsync writes and the value Airtable returns
 * for it have the same canonical string, so a record whose source did not change is not written again.
 * Stateless and thread-safe.
 *
 * <p>Rules: {@code null} stands for "empty" (null, blank text, empty list, unticked checkbox: Airtable omits
 * them all from its answers). Text: line endings {@code \n}; single-line types (singleLineText, email, phoneNumber,
 * url, singleSelect) trimmed, multilineText without trailing whitespace (so a change in trailing whitespace alone
 * is not a change). Numbers: through the double Airtable stores, then {@code stripTrailingZeros().toPlainString()}
 * ({@code 3.0} and {@code 3} are {@code "3"}). date: {@code YYYY-MM-DD}; dateTime: the UTC instant at millisecond
 * precision, {@code 2024-01-05T10:00:00.000Z}. checkbox: {@code "true"} or empty. multipleSelects and links: sorted
 * and de-duplicated (order is not significant), one element per line with {@code \\} and newlines escaped.
 * A value of an unexpected shape gets a canonical that differs from every well-formed one, so it reads as changed.
 */
public final class ValueNormalizer {

    private final ZoneId zone;

    public ValueNormalizer(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The canonical string, or null for an empty value. */
    public String canonical(FieldType type, Object value) {
        Object v = ValueConverter.unwrap(value);
        if (v == null) {
            return null;
        }
        return switch (type) {
            case SINGLE_LINE_TEXT, EMAIL, PHONE_NUMBER, URL, SINGLE_SELECT -> emptyToNull(singleLine(v));
            case MULTILINE_TEXT -> emptyToNull(Texts.unixNewlines(text(v)).stripTrailing());
            case NUMBER, CURRENCY, PERCENT -> number(v);
            case CHECKBOX -> checkbox(v);
            case DATE -> date(v);
            case DATE_TIME -> dateTime(v);
            case MULTIPLE_SELECTS, LINK -> list(v);
        };
    }

    private static String singleLine(Object v) {
        return Texts.unixNewlines(text(v)).replace('\n', ' ').strip();
    }

    private static String text(Object v) {
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

    private static String number(Object v) {
        if (v instanceof String s && s.isBlank()) {
            return null;
        }
        String n = numberOrNull(v);
        return n != null ? n : unexpected(v);
    }

    /** Via the double Airtable holds, so 0.1 written as BigDecimal and 0.1 read as Double agree. */
    private static String numberOrNull(Object v) {
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

    private static String checkbox(Object v) {
        if (Boolean.TRUE.equals(v) || (v instanceof String s && s.strip().toLowerCase(Locale.ROOT).equals("true"))) {
            return "true";
        }
        if (Boolean.FALSE.equals(v) || (v instanceof String s && (s.isBlank()
                || s.strip().toLowerCase(Locale.ROOT).equals("false")))) {
            return null;
        }
        return unexpected(v);
    }

    private String date(Object v) {
        Object t = temporal(v);
        if (t == null) {
            return v instanceof String s ? emptyToNull(s.strip()) : unexpected(v);
        }
        LocalDate d = Temporals.toDate(t, zone);
        String s = Temporals.formatDate(d);
        return s != null ? s : d.toString();
    }

    private String dateTime(Object v) {
        Object t = temporal(v);
        if (t == null) {
            return v instanceof String s ? emptyToNull(s.strip()) : unexpected(v);
        }
        Instant i = Temporals.toInstant(t, zone);
        String s = Temporals.formatDateTime(i);
        return s != null ? s : i.toString();
    }

    private static Object temporal(Object v) {
        Object t = Temporals.temporal(v);
        if (t == null && v instanceof String s) {
            t = Temporals.parse(s);
        }
        return t;
    }

    private static String list(Object v) {
        List<?> elements = v instanceof List<?> l ? l : List.of(v);
        TreeSet<String> values = new TreeSet<>();
        for (Object element : elements) {
            Object e = ValueConverter.unwrap(element);
            if (e == null) {
                continue;
            }
            String s;
            if (e instanceof Map<?, ?> m && m.get("id") instanceof String id) {
                s = id; // a linked record as {id, name}
            } else if (e instanceof String || e instanceof Number || e instanceof Decimal128
                    || e instanceof Map<?, ?>) {
                s = singleLine(e);
            } else if (e instanceof org.bson.types.ObjectId oid) {
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
    private static String unexpected(Object v) {
        return "\u0000" + v.getClass().getSimpleName() + ":" + v;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
