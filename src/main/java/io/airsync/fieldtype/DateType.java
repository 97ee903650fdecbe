package io.airsync.fieldtype;

import java.time.LocalDate;
import java.time.ZoneId;

/** Airtable's {@code date}: the calendar day in the configured zone, {@code YYYY-MM-DD} (written and canonical). */
public final class DateType extends TemporalFieldType {

    @Override
    public String airtableName() {
        return "date";
    }

    @Override
    public ConvertedValue convert(Object v, FieldSettings field, ZoneId zone) {
        Object t = temporalOrReject(v, "a date");
        if (t == null) {
            return ConvertedValue.cleared();
        }
        LocalDate day = Temporals.toDate(t, zone);
        String s = Temporals.formatDate(day);
        if (s == null) {
            throw new Rejected("date " + day + " is outside the years 1 to 9999 (got " + Values.describe(v) + ")");
        }
        return ConvertedValue.ok(s);
    }

    @Override
    public String canonical(Object v, ZoneId zone) {
        Object t = temporal(v);
        if (t == null) {
            return v instanceof String s ? Values.emptyToNull(s.strip()) : Values.unexpected(v);
        }
        LocalDate d = Temporals.toDate(t, zone);
        String s = Temporals.formatDate(d);
        return s != null ? s : d.toString();
    }
}
