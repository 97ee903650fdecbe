package io.airsync.fieldtype;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.regex.Pattern;
import org.bson.BsonTimestamp;

/** Dates and date-times as Airsync reads them from MongoDB and writes them to Airtable. */
final class Temporals {

    /** Airtable's own rendering of a dateTime: UTC, milliseconds, 'Z'. */
    static final DateTimeFormatter AIRTABLE_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    static final int MIN_YEAR = 1;
    static final int MAX_YEAR = 9999;

    private static final Pattern DATE_SPACE_TIME = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:.*");
    private static final Pattern HAS_OFFSET = Pattern.compile(".*(Z|z|[+-]\\d{2}(:?\\d{2})?)$");

    private Temporals() {
    }

    /** A point in time (Instant), a calendar day (LocalDate) or a wall-clock time without zone (LocalDateTime). */
    public static Object temporal(Object v) {
        if (v instanceof Date d) {
            return d.toInstant();
        }
        if (v instanceof Instant || v instanceof LocalDate || v instanceof LocalDateTime) {
            return v;
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (v instanceof BsonTimestamp ts) {
            return Instant.ofEpochSecond(Integer.toUnsignedLong(ts.getTime()));
        }
        return null;
    }

    /**
     * Reads an ISO 8601 text: {@code 2024-01-05}, {@code 2024-01-05T10:00:00Z}, {@code 2024-01-05T10:00:00+02:00},
     * {@code 2024-01-05T10:00:00} (zone-less: the configured zone's wall clock), also with a space for the 'T'.
     * Null when the text is none of these.
     */
    public static Object parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (DATE_SPACE_TIME.matcher(s).matches()) {
            s = s.substring(0, 10) + "T" + s.substring(11);
        }
        try {
            if (s.indexOf('T') < 0 && s.indexOf(':') < 0) {
                return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
            }
            if (HAS_OFFSET.matcher(s).matches()) {
                return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
            return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** The calendar day of a temporal in the zone. */
    public static LocalDate toDate(Object temporal, ZoneId zone) {
        if (temporal instanceof LocalDate d) {
            return d;
        }
        if (temporal instanceof LocalDateTime l) {
            return l.toLocalDate();
        }
        return ((Instant) temporal).atZone(zone).toLocalDate();
    }

    /** The instant of a temporal; zone-less values are read in the zone, a day is its start. */
    public static Instant toInstant(Object temporal, ZoneId zone) {
        if (temporal instanceof LocalDate d) {
            return d.atStartOfDay(zone).toInstant();
        }
        if (temporal instanceof LocalDateTime l) {
            return l.atZone(zone).toInstant();
        }
        return ((Instant) temporal).truncatedTo(ChronoUnit.MILLIS);
    }

    public static boolean inRange(int year) {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    /** YYYY-MM-DD, or null when the year is outside 1..9999. */
    public static String formatDate(LocalDate d) {
        return inRange(d.getYear()) ? d.format(DateTimeFormatter.ISO_LOCAL_DATE) : null;
    }

    /** 2024-01-05T10:00:00.000Z, or null when the UTC year is outside 1..9999. */
    public static String formatDateTime(Instant i) {
        Instant ms = i.truncatedTo(ChronoUnit.MILLIS);
        int year = ms.atOffset(ZoneOffset.UTC).getYear();
        return inRange(year) ? AIRTABLE_DATE_TIME.format(ms) : null;
    }
}
