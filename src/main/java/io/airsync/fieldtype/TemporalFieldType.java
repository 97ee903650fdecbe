package io.airsync.fieldtype;

import java.time.ZoneId;
import java.util.Set;
import org.bson.types.Decimal128;

/**
 * The date types. BSON dates, timestamps and ISO 8601 strings are read (a zone-less string is a wall-clock time in
 * the configured zone); years outside 1..9999 and unreadable strings are errors; numbers are errors (epoch seconds or
 * milliseconds cannot be told apart). A blank string clears the cell.
 */
abstract class TemporalFieldType implements WritableFieldType {

    @Override
    public ValueShape writes() {
        return ValueShape.DATE;
    }

    @Override
    public Set<ValueShape> accepts() {
        return Set.of(ValueShape.DATE);
    }

    @Override
    public Set<MappingOption> mappingOptions() {
        return Set.of();
    }

    /** The temporal, null for a blank string, or a rejection. */
    static Object temporalOrReject(Object v, String what) {
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
            throw new Rejected("expected " + what + ", got " + Values.describe(v) + " (epoch numbers are ambiguous: "
                    + "store a BSON date or an ISO 8601 string)");
        }
        throw new Rejected("expected " + what + ", got " + Values.describe(v));
    }

    /** A value read back (or written) as a temporal; null when it is none. */
    static Object temporal(Object v) {
        Object t = Temporals.temporal(v);
        if (t == null && v instanceof String s) {
            t = Temporals.parse(s);
        }
        return t;
    }
}
