package io.airsync.convert;

import io.airsync.fieldtype.Values;
import io.airsync.mapping.FieldType;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The canonical form of a cell value, for change detection: a value Airsync writes and the value Airtable returns
 * for it have the same canonical string, so a record whose source did not change is not written again. The rules
 * of each type are its class in {@code io.airsync.fieldtype} ({@link FieldType#rules()}). Stateless and thread-safe.
 *
 * <p>{@code null} stands for "empty" (null, blank text, empty list, unticked checkbox: Airtable omits them all from
 * its answers). A value of an unexpected shape gets a canonical that differs from every well-formed one, so it reads
 * as changed.
 */
public final class ValueNormalizer {

    private final ZoneId zone;

    public ValueNormalizer(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The canonical string, or null for an empty value. */
    public String canonical(FieldType type, Object value) {
        Object v = Values.unwrap(value);
        return v == null ? null : type.rules().canonical(v, zone);
    }
}
