package io.airsync.convert;

import io.airsync.fieldtype.ConvertedValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.airtable.AirtableLimits;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.FieldType;
import io.airsync.mapping.KeyNormalization;
import io.airsync.mapping.NullPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class ValueConverterTest {

    private final ValueConverter utc = new ValueConverter(ZoneId.of("UTC"));
    private final ValueConverter paris = new ValueConverter(ZoneId.of("Europe/Paris"));

    static FieldMapping field(FieldType type) {
        return new FieldMapping("F", "f", type, NullPolicy.keep, null, null,
                type == FieldType.PERCENT ? FieldMapping.PERCENT_FRACTION : null, type == FieldType.LINK ? "T" : null);
    }

    static FieldMapping number(FieldType type, Integer precision, String scale) {
        return new FieldMapping("F", "f", type, NullPolicy.keep, precision, null, scale, null);
    }

    private Object ok(FieldType type, Object value) {
        return ok(utc, field(type), value);
    }

    private static Object ok(ValueConverter c, FieldMapping f, Object value) {
        ConvertedValue v = c.convert(f, value);
        assertTrue(v.isOk(), () -> "expected ok for " + value + ", got " + v);
        return v.value();
    }

    private String error(FieldType type, Object value) {
        return error(field(type), value);
    }

    private String error(FieldMapping f, Object value) {
        ConvertedValue v = utc.convert(f, value);
        assertTrue(v.isError(), () -> "expected an error for " + value + ", got " + v);
        assertNull(v.value());
        return v.error();
    }

    // --------------------------------------------------------------------------------------------- absent, empty

    @Test
    void nullAndMissingAreAbsentBlankAndEmptyClear() {
        for (FieldType t : FieldType.values()) {
            assertTrue(utc.convert(field(t), null).isAbsent(), t.name());
            assertTrue(utc.convert(field(t), new org.bson.BsonNull()).isAbsent(), t.name());
        }
        for (FieldType t : List.of(FieldType.SINGLE_LINE_TEXT, FieldType.MULTILINE_TEXT, FieldType.EMAIL,
                FieldType.NUMBER, FieldType.CHECKBOX, FieldType.DATE, FieldType.DATE_TIME, FieldType.SINGLE_SELECT)) {
            ConvertedValue v = utc.convert(field(t), "  ");
            assertTrue(v.isOk() && v.value() == null, t + " blank clears: " + v);
        }
        for (FieldType t : List.of(FieldType.MULTIPLE_SELECTS, FieldType.LINK, FieldType.SINGLE_LINE_TEXT)) {
            ConvertedValue v = utc.convert(field(t), List.of());
            assertTrue(v.isOk() && v.value() == null, t + " empty array clears: " + v);
        }
    }

    // --------------------------------------------------------------------------------------------- text

    @Test
    void textKeepsEmojiAndRightToLeftIntact() {
        String s = "שלום עולם 👋🏽 مرحبا — 家族 🇫🇷";
        assertEquals(s, ok(FieldType.SINGLE_LINE_TEXT, s));
        assertEquals(s, ok(FieldType.MULTILINE_TEXT, s));
    }

    @Test
    void controlCharactersAreRemovedAndReported() {
        ConvertedValue v = utc.convert(field(FieldType.MULTILINE_TEXT), "a\u0000b\u0007c\td\r\ne\rf\u001Fg");
        assertEquals("abc\td\ne\nfg", v.value());
        assertTrue(v.controlCharactersRemoved());
        ConvertedValue line = utc.convert(field(FieldType.SINGLE_LINE_TEXT), "  first\nsecond\r\nthird\u0000 ");
        assertEquals("first second third", line.value());
        assertTrue(line.controlCharactersRemoved());
        ConvertedValue clean = utc.convert(field(FieldType.MULTILINE_TEXT), "line 1\r\nline 2");
        assertEquals("line 1\nline 2", clean.value());
        assertFalse(clean.controlCharactersRemoved(), "line endings are normalised, not removed");
        ConvertedValue broken = utc.convert(field(FieldType.SINGLE_LINE_TEXT), "a\uD83Db\uDC4Bc");
        assertEquals("abc", broken.value(), "unpaired surrogates are not text");
        assertTrue(broken.controlCharactersRemoved());
    }

    @Test
    void textOverTheLimitIsCutAndFlagged() {
        String exact = "x".repeat(AirtableLimits.MAX_TEXT_LENGTH);
        ConvertedValue fits = utc.convert(field(FieldType.MULTILINE_TEXT), exact);
        assertEquals(exact, fits.value());
        assertFalse(fits.truncated());
        ConvertedValue cut = utc.convert(field(FieldType.MULTILINE_TEXT), exact + "yz");
        assertEquals(exact, cut.value());
        assertTrue(cut.truncated());
        // an emoji across the boundary is dropped whole, not split into a broken surrogate
        String emojiAtEnd = "x".repeat(AirtableLimits.MAX_TEXT_LENGTH - 1) + "😀";
        ConvertedValue noSplit = utc.convert(field(FieldType.SINGLE_LINE_TEXT), emojiAtEnd);
        assertEquals(AirtableLimits.MAX_TEXT_LENGTH - 1, ((String) noSplit.value()).length());
        assertTrue(noSplit.truncated());
    }

    @Test
    void scalarsAndArraysAsText() {
        ObjectId id = new ObjectId("65a1b2c3d4e5f60718293a4b");
        assertEquals("65a1b2c3d4e5f60718293a4b", ok(FieldType.SINGLE_LINE_TEXT, id));
        assertEquals("42", ok(FieldType.SINGLE_LINE_TEXT, 42));
        assertEquals("3", ok(FieldType.SINGLE_LINE_TEXT, 3.0));
        assertEquals("0.1", ok(FieldType.SINGLE_LINE_TEXT, 0.1));
        assertEquals("true", ok(FieldType.SINGLE_LINE_TEXT, true));
        assertEquals("33612345678", ok(FieldType.PHONE_NUMBER, 33612345678L));
        assertEquals("2024-01-05T10:00:00.000Z",
                ok(FieldType.SINGLE_LINE_TEXT, Date.from(Instant.parse("2024-01-05T10:00:00Z"))));
        assertEquals("a, b, 3", ok(FieldType.SINGLE_LINE_TEXT, Arrays.asList(" a", null, "", "b ", 3)));
        FieldMapping piped = new FieldMapping("F", "f", FieldType.MULTILINE_TEXT, NullPolicy.keep, null, "\n", null,
                null);
        assertEquals("a\nb", ok(utc, piped, List.of("a", "b")));
        assertTrue(error(FieldType.SINGLE_LINE_TEXT, new Document("city", "Paris").append("zip", "75001"))
                .contains("expected text, got a nested document {city, zip}"));
        assertTrue(error(FieldType.MULTILINE_TEXT, List.of("a", new Document("x", 1)))
                .contains("an array holding a nested document {x}"));
        assertTrue(error(FieldType.SINGLE_LINE_TEXT, List.of("a", List.of("b"))).contains("an array holding"));
    }

    @Test
    void emailsAreTrimmedKeepingCase() {
        assertEquals("Ana.Maria@Example.COM", ok(FieldType.EMAIL, "  Ana.Maria@Example.COM \n"));
        assertEquals("https://example.com/a b", ok(FieldType.URL, " https://example.com/a b "));
    }

    @Test
    void naturalKeysOfMixedCaseEmailsMatch() {
        String written = (String) ok(FieldType.EMAIL, " Ana.Maria@Example.COM ");
        assertEquals("ana.maria@example.com", KeyNormalization.email.apply(written));
        assertEquals(KeyNormalization.email.apply("ana.maria@example.com"), KeyNormalization.email.apply(written));
        assertEquals("ana.maria@example.com", KeyNormalization.email.apply("ANA.MARIA @EXAMPLE.COM"));
        assertEquals("summer  dinner", KeyNormalization.exact.apply("summer  dinner"));
        assertEquals("summer dinner", KeyNormalization.casefold.apply("  Summer \t DINNER "));
        assertNull(KeyNormalization.email.apply("   "));
    }

    // --------------------------------------------------------------------------------------------- numbers

    @Test
    void numbersFromEveryNumericType() {
        assertEquals(new BigDecimal("42"), ok(FieldType.NUMBER, 42));
        assertEquals(new BigDecimal("9007199254740991"), ok(FieldType.NUMBER, 9007199254740991L));
        assertEquals(new BigDecimal("-12.5"), ok(FieldType.NUMBER, -12.5d));
        assertEquals(new BigDecimal("3"), ok(FieldType.NUMBER, 3.0d));
        assertEquals(new BigDecimal("0.30000000000000004"), ok(FieldType.NUMBER, 0.1 + 0.2));
        assertEquals(new BigDecimal("1234.5"), ok(FieldType.CURRENCY, Decimal128.parse("1234.50")));
        assertEquals(new BigDecimal("0"), ok(FieldType.NUMBER, Decimal128.NEGATIVE_ZERO));
        assertEquals(new BigDecimal("0.1"), ok(FieldType.NUMBER, new BigDecimal("0.1000")));
        assertEquals(new BigDecimal("42.5"), ok(FieldType.NUMBER, " 42.50 "));
        assertEquals(new BigDecimal("1000"), ok(FieldType.NUMBER, "1e3"));
        assertEquals(new BigDecimal("1000000000000000"), ok(FieldType.NUMBER, 1e15));
    }

    @Test
    void badNumbersAreErrors() {
        assertEquals("expected a number, got string 'abc'", error(FieldType.NUMBER, "abc"));
        assertTrue(error(FieldType.NUMBER, "1,000").contains("got string '1,000'"));
        assertTrue(error(FieldType.NUMBER, "NaN").contains("expected a number"));
        assertEquals("expected a finite number, got NaN", error(FieldType.NUMBER, Double.NaN));
        assertEquals("expected a finite number, got Infinity", error(FieldType.CURRENCY, Double.POSITIVE_INFINITY));
        assertEquals("expected a finite number, got -Infinity", error(FieldType.PERCENT, Double.NEGATIVE_INFINITY));
        assertTrue(error(FieldType.NUMBER, Decimal128.NaN).contains("finite"));
        assertTrue(error(FieldType.NUMBER, Decimal128.POSITIVE_INFINITY).contains("finite"));
        assertTrue(error(FieldType.NUMBER, 9007199254740993L).contains("too large for Airtable"));
        assertTrue(error(FieldType.NUMBER, "1e400").contains("too large"));
        assertEquals(new BigDecimal("0"), ok(FieldType.NUMBER, "1e-9999"));
        assertTrue(error(FieldType.NUMBER, "1e-999999999").contains("expected a number"), "no absurd exponents");
        assertEquals("expected a single number, got an array of 2 values", error(FieldType.NUMBER, List.of(1, 2)));
        assertEquals("expected a number, got boolean true", error(FieldType.NUMBER, true));
        assertTrue(error(FieldType.NUMBER, new Document("n", 1)).contains("nested document {n}"));
        assertTrue(error(FieldType.NUMBER, new Date(0)).contains("expected a number, got date"));
    }

    @Test
    void precisionRoundsHalfUp() {
        FieldMapping two = number(FieldType.CURRENCY, 2, null);
        assertEquals(new BigDecimal("12.35"), ok(utc, two, Decimal128.parse("12.345")));
        assertEquals(new BigDecimal("12.35"), ok(utc, two, new BigDecimal("12.345")));
        assertEquals(new BigDecimal("-12.35"), ok(utc, two, new BigDecimal("-12.345")));
        assertEquals(new BigDecimal("0.3"), ok(utc, two, 0.1 + 0.2));
        assertEquals(new BigDecimal("5"), ok(utc, two, 5));
        FieldMapping zero = number(FieldType.NUMBER, 0, null);
        assertEquals(new BigDecimal("3"), ok(utc, zero, 2.5));
        assertEquals(new BigDecimal("-3"), ok(utc, zero, -2.5));
        assertEquals(new BigDecimal("2"), ok(utc, zero, 2.4999));
    }

    @Test
    void percentScales() {
        FieldMapping hundred = number(FieldType.PERCENT, null, FieldMapping.PERCENT_HUNDRED);
        assertEquals(new BigDecimal("0.42"), ok(utc, hundred, 42));
        assertEquals(new BigDecimal("1"), ok(utc, hundred, 100));
        assertEquals(new BigDecimal("0.425"), ok(utc, hundred, 42.5));
        FieldMapping hundredRounded = number(FieldType.PERCENT, 0, FieldMapping.PERCENT_HUNDRED);
        assertEquals(new BigDecimal("0.43"), ok(utc, hundredRounded, 42.5), "precision counts percent places");
        FieldMapping fraction = number(FieldType.PERCENT, 1, FieldMapping.PERCENT_FRACTION);
        assertEquals(new BigDecimal("0.425"), ok(utc, fraction, 0.42512));
        assertEquals(new BigDecimal("0.5"), ok(utc, number(FieldType.PERCENT, null, null), 0.5));
    }

    // --------------------------------------------------------------------------------------------- checkbox

    @Test
    void checkboxes() {
        assertEquals(true, ok(FieldType.CHECKBOX, true));
        assertEquals(false, ok(FieldType.CHECKBOX, false));
        assertEquals(true, ok(FieldType.CHECKBOX, " TRUE "));
        assertEquals(false, ok(FieldType.CHECKBOX, "false"));
        assertEquals(true, ok(FieldType.CHECKBOX, 1));
        assertEquals(false, ok(FieldType.CHECKBOX, 0L));
        assertEquals("expected true or false, got string 'yes'", error(FieldType.CHECKBOX, "yes"));
        assertEquals("expected true or false, got number 2", error(FieldType.CHECKBOX, 2));
        assertTrue(error(FieldType.CHECKBOX, List.of(true)).contains("an array of 1 value"));
    }

    // --------------------------------------------------------------------------------------------- dates

    @Test
    void datesAreTheCalendarDayInTheConfiguredZone() {
        Date lateEvening = Date.from(Instant.parse("2024-01-05T23:30:00Z"));
        assertEquals("2024-01-05", ok(utc, field(FieldType.DATE), lateEvening));
        assertEquals("2024-01-06", ok(paris, field(FieldType.DATE), lateEvening));
        assertEquals("2024-01-05", ok(paris, field(FieldType.DATE), "2024-01-05"));
        assertEquals("2024-01-06", ok(paris, field(FieldType.DATE), "2024-01-05T23:30:00Z"));
        assertEquals("2024-01-05", ok(paris, field(FieldType.DATE), "2024-01-05T23:30:00"));
        assertEquals("1990-07-14", ok(utc, field(FieldType.DATE), LocalDate.of(1990, 7, 14)));
        assertEquals("0001-01-01", ok(utc, field(FieldType.DATE), "0001-01-01"));
        assertEquals("9999-12-31", ok(utc, field(FieldType.DATE), "9999-12-31"));
    }

    @Test
    void dateTimesAreUtcInstantsWithMilliseconds() {
        Date d = Date.from(Instant.parse("2024-01-05T10:00:00Z"));
        assertEquals("2024-01-05T10:00:00.000Z", ok(paris, field(FieldType.DATE_TIME), d));
        assertEquals("2024-01-05T10:00:00.123Z",
                ok(utc, field(FieldType.DATE_TIME), "2024-01-05T12:00:00.123456+02:00"));
        assertEquals("2024-01-05T09:00:00.000Z", ok(paris, field(FieldType.DATE_TIME), "2024-01-05T10:00:00"));
        assertEquals("2024-01-05T09:00:00.000Z", ok(paris, field(FieldType.DATE_TIME), "2024-01-05 10:00:00"));
        assertEquals("2024-01-04T23:00:00.000Z", ok(paris, field(FieldType.DATE_TIME), "2024-01-05"));
        assertEquals("2024-01-05T10:00:00.000Z", ok(utc, field(FieldType.DATE_TIME),
                new BsonTimestamp((int) Instant.parse("2024-01-05T10:00:00Z").getEpochSecond(), 1)));
        assertEquals("2024-01-05T10:00:00.000Z", ok(utc, field(FieldType.DATE_TIME), "2024-01-05t10:00:00z"));
    }

    @Test
    void invalidAndOutOfRangeDatesAreErrors() {
        assertTrue(error(FieldType.DATE, "2024-02-30").contains("expected a date (ISO 8601"));
        assertTrue(error(FieldType.DATE, "yesterday").contains("got string 'yesterday'"));
        assertTrue(error(FieldType.DATE_TIME, "2024-01-05T25:00:00Z").contains("expected a date-time"));
        assertTrue(error(FieldType.DATE, "0000-12-31").contains("outside the years 1 to 9999"));
        assertTrue(error(FieldType.DATE, "+10000-01-01").contains("outside the years 1 to 9999"));
        Date far = Date.from(Instant.parse("+12000-01-01T00:00:00Z"));
        assertTrue(error(FieldType.DATE_TIME, far).contains("outside the years 1 to 9999"));
        assertTrue(error(FieldType.DATE, new Date(Long.MIN_VALUE)).contains("outside the years 1 to 9999"));
        assertTrue(error(FieldType.DATE_TIME, 1704448800000L).contains("epoch numbers are ambiguous"));
        assertTrue(error(FieldType.DATE, List.of("2024-01-05")).contains("an array of 1 value"));
    }

    // --------------------------------------------------------------------------------------------- selects, links

    @Test
    void selects() {
        assertEquals("active", ok(FieldType.SINGLE_SELECT, "  active "));
        assertEquals("3", ok(FieldType.SINGLE_SELECT, 3));
        assertEquals("a b", ok(FieldType.SINGLE_SELECT, "a\nb"));
        assertTrue(error(FieldType.SINGLE_SELECT, List.of("a", "b"))
                .contains("expected a single value, got an array of 2 values (use type multipleSelects)"));
        assertEquals(List.of("Wine", "Music", "Art"),
                ok(FieldType.MULTIPLE_SELECTS, Arrays.asList(" Wine", "Music", "", null, "Wine", "Art ", "Music")));
        assertEquals(List.of("Wine"), ok(FieldType.MULTIPLE_SELECTS, "Wine"));
        assertEquals(List.of("1", "true"), ok(FieldType.MULTIPLE_SELECTS, List.of(1, true)));
        assertTrue(error(FieldType.MULTIPLE_SELECTS, List.of("a", new Document("b", 1)))
                .contains("an array holding a nested document {b}"));
        assertTrue(utc.convert(field(FieldType.MULTIPLE_SELECTS), Arrays.asList(" ", null)).value() == null);
    }

    @Test
    void links() {
        ObjectId a = new ObjectId("65a1b2c3d4e5f60718293a4b");
        ObjectId b = new ObjectId("65a1b2c3d4e5f60718293a4c");
        assertEquals(List.of(a.toHexString()), ok(FieldType.LINK, a));
        assertEquals(List.of(a.toHexString(), b.toHexString(), "custom-id", "7"),
                ok(FieldType.LINK, Arrays.asList(a, b, null, a, " custom-id ", 7, new Document("_id", a))));
        assertEquals(List.of(a.toHexString()), ok(FieldType.LINK, a.toHexString()));
        assertTrue(error(FieldType.LINK, List.of(List.of(a))).contains("expected the _id of a linked document"));
        assertTrue(error(FieldType.LINK, 1.5).contains("expected the _id of a linked document"));
    }

    @Test
    void keysOfIds() {
        ObjectId a = new ObjectId("65a1b2c3d4e5f60718293a4b");
        assertEquals("65a1b2c3d4e5f60718293a4b", ValueConverter.keyOf(a));
        assertEquals("65a1b2c3d4e5f60718293a4b", ValueConverter.keyOf(new org.bson.BsonObjectId(a)));
        assertEquals("user-7", ValueConverter.keyOf("user-7"));
        assertEquals("42", ValueConverter.keyOf(42L));
        UUID u = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertEquals(u.toString(), ValueConverter.keyOf(u));
        assertNull(ValueConverter.keyOf(null));
        assertThrows(IllegalArgumentException.class, () -> ValueConverter.keyOf(new Document("a", 1)));
    }

    // --------------------------------------------------------------------------------------------- BSON input

    @Test
    void bsonValuesFromABsonDocumentConvertLikeDocumentValues() {
        BsonDocument doc = BsonDocument.parse("""
                { "_id": {"$oid": "65a1b2c3d4e5f60718293a4b"}, "n": {"$numberLong": "12"},
                  "d": {"$numberDecimal": "1.50"}, "at": {"$date": "2024-01-05T10:00:00Z"},
                  "tags": ["a", "b", "a"], "ok": true, "profile": {"city": "Lyon"} }""");
        assertEquals(new BigDecimal("12"), ok(utc, field(FieldType.NUMBER), utc.read(doc, "n")));
        assertEquals(new BigDecimal("1.5"), ok(utc, field(FieldType.CURRENCY), utc.read(doc, "d")));
        assertEquals("2024-01-05T10:00:00.000Z", ok(utc, field(FieldType.DATE_TIME), utc.read(doc, "at")));
        assertEquals(List.of("a", "b"), ok(utc, field(FieldType.MULTIPLE_SELECTS), utc.read(doc, "tags")));
        assertEquals(true, ok(utc, field(FieldType.CHECKBOX), utc.read(doc, "ok")));
        assertEquals("Lyon", ok(utc, field(FieldType.SINGLE_LINE_TEXT), utc.read(doc, "profile.city")));
        assertEquals("65a1b2c3d4e5f60718293a4b", ValueConverter.keyOf(doc.get("_id")));
    }

    @Test
    void convertFromReadsTheSourcePath() {
        FieldMapping city = new FieldMapping("City", "profile.city", FieldType.SINGLE_LINE_TEXT, NullPolicy.keep,
                null, null, null, null);
        Document doc = new Document("profile", new Document("city", " Lyon "));
        assertEquals("Lyon", utc.convertFrom(city, doc).value());
        assertTrue(utc.convertFrom(city, new Document()).isAbsent());
    }

    @Test
    void unexpectedObjectsAreErrorsNotExceptions() {
        for (FieldType t : FieldType.values()) {
            ConvertedValue v = utc.convert(field(t), new Object());
            assertTrue(v.isError(), t + ": " + v);
            assertTrue(v.error().contains("Object"), v.error());
        }
    }
}
