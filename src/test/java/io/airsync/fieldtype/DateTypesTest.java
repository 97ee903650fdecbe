package io.airsync.fieldtype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DateType and DateTimeType. */
class DateTypesTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    final DateType date = new DateType();
    final DateTimeType dateTime = new DateTimeType();
    /** 2024-01-04T23:30:00Z: already the 5th in Paris. */
    final Date lateEvening = new Date(1_704_411_000_000L);

    @Test
    void aDateIsTheCalendarDayInTheZone() {
        assertEquals("2024-01-05", date.convert(lateEvening, Field.PLAIN, PARIS).value());
        assertEquals("2024-01-04", date.convert(lateEvening, Field.PLAIN, ZoneId.of("UTC")).value());
        assertEquals("2024-02-29", date.canonical("2024-02-29", PARIS));
    }

    @Test
    void aDateTimeIsTheUtcInstantToTheMillisecond() {
        assertEquals("2024-01-04T23:30:00.000Z", dateTime.convert(lateEvening, Field.PLAIN, PARIS).value());
        assertEquals("2024-01-05T09:00:00.000Z", dateTime.convert("2024-01-05T10:00:00", Field.PLAIN, PARIS).value(),
                "a zone-less string is a wall-clock time in the zone");
        assertEquals(dateTime.canonical("2024-01-05T09:00:00Z", PARIS), dateTime.canonical("2024-01-05T09:00:00.000Z", PARIS));
    }

    @Test
    void unreadableAndAmbiguousValuesAreRejected() {
        assertThrows(Rejected.class, () -> date.convert("2023-02-30", Field.PLAIN, PARIS));
        assertTrue(assertThrows(Rejected.class, () -> dateTime.convert(1_704_411_000_000L, Field.PLAIN, PARIS))
                .getMessage().contains("epoch numbers are ambiguous"));
        assertNull(date.convert(" ", Field.PLAIN, PARIS).value(), "blank clears");
    }

    @Test
    void dateFieldsTakeEitherDateForm() {
        assertEquals(Set.of(ValueShape.DATE), date.accepts());
        assertEquals(ValueShape.DATE, dateTime.writes());
        assertEquals(Set.of(), dateTime.mappingOptions());
    }
}
