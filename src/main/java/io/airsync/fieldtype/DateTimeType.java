package io.airsync.fieldtype;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Airtable's {@code dateTime}: the instant in UTC at millisecond precision, {@code 2024-01-05T10:00:00.000Z}
 * (written and canonical).
 */
public final class DateTimeType extends TemporalFieldType {

    @Override
    public String airtableName() {
        return "dateTime";
    }

    @Override
    public ConvertedValue convert(Object v, FieldSettings field, ZoneId zone) {
        Object t = temporalOrReject(v, "a date-time");
        if (t == null) {
            return ConvertedValue.cleared();
        }
        Instant instant = Temporals.toInstant(t, zone);
        String s = Temporals.formatDateTime(instant);
        if (s == null) {
            throw new Rejected("date-time " + instant + " is outside the years 1 to 9999 (got " + Values.describe(v)
                    + ")");
        }
        return ConvertedValue.ok(s);
    }

    @Override
    public String canonical(Object v, ZoneId zone) {
        Object t = temporal(v);
        if (t == null) {
            return v instanceof String s ? Values.emptyToNull(s.strip()) : Values.unexpected(v);
        }
        Instant i = Temporals.toInstant(t, zone);
        String s = Temporals.formatDateTime(i);
        return s != null ? s : i.toString();
    }
}
