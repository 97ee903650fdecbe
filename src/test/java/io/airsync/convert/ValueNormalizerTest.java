package io.airsync.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.airsync.mapping.FieldType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class ValueNormalizerTest {

    private final ValueNormalizer n = new ValueNormalizer(ZoneId.of("UTC"));

    @Test
    void emptyValuesAreNull() {
        for (FieldType t : FieldType.values()) {
            assertNull(n.canonical(t, null), t.name());
        }
        assertNull(n.canonical(FieldType.SINGLE_LINE_TEXT, ""));
        assertNull(n.canonical(FieldType.SINGLE_LINE_TEXT, "   "));
        assertNull(n.canonical(FieldType.MULTILINE_TEXT, "\n\n"));
        assertNull(n.canonical(FieldType.MULTIPLE_SELECTS, List.of()));
        assertNull(n.canonical(FieldType.LINK, Arrays.asList("", null)));
        assertNull(n.canonical(FieldType.CHECKBOX, false));
        assertNull(n.canonical(FieldType.NUMBER, ""));
        assertEquals("0", n.canonical(FieldType.NUMBER, 0), "zero is a value, not empty");
    }

    @Test
    void numbersCompareByValue() {
        for (Object three : List.of(3, 3L, 3.0d, new BigDecimal("3.00"), Decimal128.parse("3.0"), "3.0")) {
            assertEquals("3", n.canonical(FieldType.NUMBER, three), three.getClass().getSimpleName());
        }
        assertEquals("0.5", n.canonical(FieldType.PERCENT, 0.5d));
        assertEquals("0.5", n.canonical(FieldType.PERCENT, new BigDecimal("0.50")));
        assertEquals("1000000000000000000000", n.canonical(FieldType.NUMBER, 1e21));
        assertEquals("0.30000000000000004", n.canonical(FieldType.NUMBER, 0.1 + 0.2));
        assertEquals(n.canonical(FieldType.NUMBER, new BigDecimal("0.1")), n.canonical(FieldType.NUMBER, 0.1d));
        assertEquals("0", n.canonical(FieldType.NUMBER, -0.0d));
        assertNotEquals("3", n.canonical(FieldType.NUMBER, "three"));
    }

    @Test
    void textRules() {
        assertEquals("a b", n.canonical(FieldType.SINGLE_LINE_TEXT, " a b "));
        assertEquals("line 1\nline 2", n.canonical(FieldType.MULTILINE_TEXT, "line 1\r\nline 2  \n"));
        assertEquals("  indented", n.canonical(FieldType.MULTILINE_TEXT, "  indented"));
        assertEquals("Ana@Example.com", n.canonical(FieldType.EMAIL, "Ana@Example.com "), "case is kept");
        assertEquals("active", n.canonical(FieldType.SINGLE_SELECT, Map.of("id", "sel1", "name", "active")));
    }

    @Test
    void datesAndDateTimes() {
        assertEquals("2024-01-05", n.canonical(FieldType.DATE, "2024-01-05"));
        String expected = "2024-01-05T10:00:00.000Z";
        assertEquals(expected, n.canonical(FieldType.DATE_TIME, "2024-01-05T10:00:00Z"));
        assertEquals(expected, n.canonical(FieldType.DATE_TIME, "2024-01-05T10:00:00.000Z"));
        assertEquals(expected, n.canonical(FieldType.DATE_TIME, "2024-01-05T11:00:00+01:00"));
        assertEquals(expected, n.canonical(FieldType.DATE_TIME, Date.from(Instant.parse(expected))));
        assertEquals("2024-01-06", new ValueNormalizer(ZoneId.of("Asia/Tokyo"))
                .canonical(FieldType.DATE, Date.from(Instant.parse(expected).plusSeconds(15 * 3600))));
    }

    @Test
    void listsIgnoreOrderAndDuplicates() {
        String a = n.canonical(FieldType.MULTIPLE_SELECTS, List.of("Wine", "Art", "Music"));
        assertEquals(a, n.canonical(FieldType.MULTIPLE_SELECTS, List.of("Music", "Wine", "Art", "Wine")));
        assertEquals("Art\nMusic\nWine", a);
        assertNotEquals(n.canonical(FieldType.MULTIPLE_SELECTS, List.of("a\nb")),
                n.canonical(FieldType.MULTIPLE_SELECTS, List.of("a", "b")), "element boundaries are unambiguous");
        assertEquals(n.canonical(FieldType.LINK, List.of("recB", "recA")),
                n.canonical(FieldType.LINK, List.of(Map.of("id", "recA"), Map.of("id", "recB"))));
        assertEquals("Wine", n.canonical(FieldType.MULTIPLE_SELECTS, "Wine"));
    }

    @Test
    void checkboxTrueOnly() {
        assertEquals("true", n.canonical(FieldType.CHECKBOX, true));
        assertEquals("true", n.canonical(FieldType.CHECKBOX, "true"));
        assertNull(n.canonical(FieldType.CHECKBOX, "false"));
    }
}
