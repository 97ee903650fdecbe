package io.airsync.convert;

import io.airsync.fieldtype.ConvertedValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airsync.airtable.AirtableLimits;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.FieldType;
import io.airsync.mapping.NullPolicy;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Properties of conversion and change detection over generated values of every BSON kind and every field type:
 * conversion never throws, what Airsync writes and what Airtable echoes normalise alike, conversion is idempotent
 * (so precision rounding is too), and hashes are stable.
 */
class ConversionPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private final ZoneId zone = ZoneId.of("Europe/Paris");
    private final ValueConverter converter = new ValueConverter(zone);
    private final ValueNormalizer normalizer = new ValueNormalizer(zone);

    // ------------------------------------------------------------------------------------------------ properties

    @Property(tries = 3000)
    void conversionNeverThrowsAndKeepsItsPromises(@ForAll("fields") FieldMapping f, @ForAll("values") Object v) {
        ConvertedValue c = converter.convert(f, v);
        assertNotNull(c);
        switch (c.status()) {
            case ABSENT -> assertNull(v);
            case ERROR -> assertTrue(c.error() != null && !c.error().isBlank() && c.value() == null);
            case OK -> {
                assertNull(c.error());
                if (c.value() != null) {
                    assertShape(f.type(), c.value());
                }
            }
        }
    }

    @Property(tries = 3000)
    void writtenAndEchoedValuesNormaliseAlike(@ForAll("fields") FieldMapping f, @ForAll("values") Object v)
            throws Exception {
        assertEchoesAgree(f, v);
    }

    @Property(tries = 3000)
    void writtenAndEchoedFittingValuesNormaliseAlike(@ForAll("fitting") Tuple2<FieldMapping, Object> c)
            throws Exception {
        assertEchoesAgree(c.get1(), c.get2());
    }

    private void assertEchoesAgree(FieldMapping f, Object v) throws Exception {
        ConvertedValue c = converter.convert(f, v);
        if (!c.isOk()) {
            return;
        }
        String written = normalizer.canonical(f.type(), c.value());
        for (Object echoed : airtableEchoes(f.type(), c.value())) {
            assertEquals(written, normalizer.canonical(f.type(), echoed), () -> "echo " + echoed + " of " + c);
            assertEquals(Fingerprints.fieldHash(written), Fingerprints.fieldHash(normalizer.canonical(f.type(), echoed)));
        }
    }

    @Property(tries = 3000)
    void conversionIsIdempotent(@ForAll("fields") FieldMapping f, @ForAll("values") Object v) {
        assertIdempotent(f, v);
    }

    @Property(tries = 3000)
    void conversionOfFittingValuesIsIdempotent(@ForAll("fitting") Tuple2<FieldMapping, Object> c) {
        assertIdempotent(c.get1(), c.get2());
    }

    private void assertIdempotent(FieldMapping f, Object v) {
        if (f.percentOfHundred()) {
            return; // divides by 100 each time by design
        }
        ConvertedValue once = converter.convert(f, v);
        if (!once.isOk() || once.value() == null) {
            return;
        }
        ConvertedValue twice = converter.convert(f, once.value());
        assertTrue(twice.isOk(), () -> "second conversion of " + once.value() + ": " + twice);
        assertEquals(once.value(), twice.value());
        assertEquals(normalizer.canonical(f.type(), once.value()), normalizer.canonical(f.type(), twice.value()));
    }

    @Property
    void precisionRoundingIsIdempotentAndHalfUp(@ForAll("decimals") BigDecimal d,
                                                @ForAll("precisions") int precision) {
        FieldMapping f = new FieldMapping("F", "f", FieldType.NUMBER, NullPolicy.keep, precision, null, null, null);
        ConvertedValue once = converter.convert(f, d);
        if (!once.isOk()) {
            return;
        }
        BigDecimal rounded = (BigDecimal) once.value();
        assertEquals(rounded, converter.convert(f, rounded).value());
        // within half a unit of the last place (plus the double's own error) of the exact value
        BigDecimal unit = BigDecimal.ONE.movePointLeft(precision);
        BigDecimal slack = unit.divide(BigDecimal.valueOf(2)).add(d.abs().multiply(new BigDecimal("1e-15")));
        assertTrue(rounded.subtract(d).abs().compareTo(slack) <= 0, () -> d + " -> " + rounded);
    }

    @Property
    void equalNumbersOfEveryBsonTypeAgree(@ForAll("safeLongs") long n, @ForAll("numericFields") FieldMapping f) {
        List<Object> same = List.of(n, Long.valueOf(n), new BigDecimal(n), new Decimal128(n), (double) n,
                Long.toString(n));
        String expected = normalizer.canonical(f.type(), converter.convert(f, n).value());
        for (Object o : same) {
            assertEquals(expected, normalizer.canonical(f.type(), converter.convert(f, o).value()),
                    o.getClass().getSimpleName());
        }
    }

    @Property
    void hashesAreStable(@ForAll("canonicalLists") List<String> canonicals) {
        int[] hashes = Fingerprints.fieldHashes(canonicals);
        List<String> copies = new ArrayList<>();
        for (String c : canonicals) {
            copies.add(c == null ? null : new String(c.toCharArray()));
        }
        assertTrue(Arrays.equals(hashes, Fingerprints.fieldHashes(copies)));
        assertEquals(Fingerprints.recordHash(hashes), Fingerprints.recordHash(copies));
        for (int i = 0; i < hashes.length; i++) {
            assertNotEquals(Fingerprints.UNKNOWN_HASH, hashes[i]);
            assertEquals(canonicals.get(i) == null, hashes[i] == Fingerprints.EMPTY_HASH);
        }
    }

    // ------------------------------------------------------------------------------------------------ Airtable

    /**
     * What Airtable may answer for a value written: the JSON read back with a plain parser (numbers as Integer,
     * Long or Double), empty cells and unticked checkboxes omitted, lists in another order, single-line text
     * trimmed, long text with a trailing newline.
     */
    private static List<Object> airtableEchoes(FieldType type, Object written) throws Exception {
        Object echoed = JSON.readValue(JSON.writeValueAsString(Collections.singletonMap("v", written)), Map.class)
                .get("v");
        if (Boolean.FALSE.equals(echoed) || "".equals(echoed)) {
            echoed = null;
        }
        List<Object> echoes = new ArrayList<>();
        echoes.add(echoed);
        if (echoed instanceof List<?> l) {
            List<Object> reversed = new ArrayList<>(l);
            Collections.reverse(reversed);
            echoes.add(reversed);
        }
        if (echoed instanceof String s) {
            echoes.add(type == FieldType.MULTILINE_TEXT ? s + "\n" : s.strip());
        }
        return echoes;
    }

    private static void assertShape(FieldType type, Object value) {
        switch (type) {
            case SINGLE_LINE_TEXT, MULTILINE_TEXT, EMAIL, PHONE_NUMBER, URL, SINGLE_SELECT -> {
                String s = (String) value;
                assertTrue(!s.isEmpty() && s.length() <= AirtableLimits.MAX_TEXT_LENGTH);
                assertTrue(s.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t'), "no control characters");
                assertTrue(type == FieldType.MULTILINE_TEXT || s.indexOf('\n') < 0 || type != FieldType.SINGLE_LINE_TEXT);
                assertTrue(type == FieldType.MULTILINE_TEXT || s.equals(s.strip()), "trimmed");
                assertTrue(noBrokenSurrogates(s));
            }
            case NUMBER, CURRENCY, PERCENT -> {
                BigDecimal d = (BigDecimal) value;
                assertTrue(d.scale() >= 0 && d.abs().compareTo(ValueConverter.MAX_EXACT) <= 0);
                assertEquals(0, d.compareTo(BigDecimal.valueOf(d.doubleValue())), "exactly a double");
            }
            case CHECKBOX -> assertTrue(value instanceof Boolean);
            case DATE -> assertTrue(DATE.matcher((String) value).matches(), (String) value);
            case DATE_TIME -> assertTrue(DATE_TIME.matcher((String) value).matches(), (String) value);
            case MULTIPLE_SELECTS, LINK -> {
                List<?> l = (List<?>) value;
                assertTrue(!l.isEmpty() && new HashSet<>(l).size() == l.size());
                l.forEach(e -> assertTrue(e instanceof String s && !s.isBlank() && s.equals(s.strip())));
            }
        }
    }

    private static boolean noBrokenSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ generators

    @Provide
    Arbitrary<FieldMapping> fields() {
        Arbitrary<FieldType> types = Arbitraries.of(FieldType.class);
        Arbitrary<Integer> precisions = Arbitraries.integers().between(-1, 8);
        Arbitrary<String> scales = Arbitraries.of(FieldMapping.PERCENT_FRACTION, FieldMapping.PERCENT_HUNDRED);
        Arbitrary<String> separators = Arbitraries.of(", ", "\n", " | ", ";");
        return Combinators.combine(types, precisions, scales, separators).as((type, p, scale, sep) ->
                new FieldMapping("F", "f", type, NullPolicy.keep,
                        type.isNumeric() && p >= 0 ? p : null,
                        type.isText() ? sep : null,
                        type == FieldType.PERCENT ? scale : null,
                        type == FieldType.LINK ? "T" : null));
    }

    /** A field and a value of a kind that suits it (most convert to a value, not an error). */
    @Provide
    Arbitrary<Tuple2<FieldMapping, Object>> fitting() {
        return fields().flatMap(f -> fittingValues(f.type()).map(v -> Tuple.of(f, v)));
    }

    private Arbitrary<Object> fittingValues(FieldType type) {
        Arbitrary<Object> text = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40).map(s -> (Object) s),
                Arbitraries.strings().withChars(" \t\r\nabcXYZ-é👋ש").ofMaxLength(15).map(s -> (Object) s));
        return switch (type) {
            case SINGLE_LINE_TEXT, MULTILINE_TEXT, EMAIL, PHONE_NUMBER, URL -> Arbitraries.oneOf(text,
                    text.list().ofMaxSize(4).map(l -> (Object) l));
            case SINGLE_SELECT -> text;
            case MULTIPLE_SELECTS -> text.list().ofMaxSize(6).map(l -> (Object) l);
            case NUMBER, CURRENCY, PERCENT -> Arbitraries.oneOf(
                    Arbitraries.integers().map(i -> (Object) i),
                    safeLongs().map(l -> (Object) l),
                    Arbitraries.doubles().between(-1e15, 1e15).map(d -> (Object) d),
                    Arbitraries.doubles().between(-1, 1).map(d -> (Object) d),
                    decimals().map(d -> (Object) d),
                    decimals().map(d -> (Object) new Decimal128(d)),
                    decimals().map(d -> (Object) (" " + d.toPlainString() + " ")));
            case CHECKBOX -> Arbitraries.of(true, false, "true", "False", 0, 1, 1L, "");
            case DATE, DATE_TIME -> Arbitraries.oneOf(
                    Arbitraries.longs().between(-62_135_596_800_000L, 253_402_300_799_999L)
                            .map(ms -> (Object) new Date(ms)),
                    Arbitraries.longs().between(-62_135_596_800_000L, 253_402_300_799_999L)
                            .map(ms -> (Object) java.time.Instant.ofEpochMilli(ms).toString()),
                    Arbitraries.longs().between(-62_135_596_800_000L, 253_402_300_799_999L)
                            .map(ms -> (Object) java.time.Instant.ofEpochMilli(ms).atOffset(
                                    java.time.ZoneOffset.ofHours((int) Math.floorMod(ms, 27L) - 13)).toString()),
                    Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L)
                            .map(s -> (Object) java.time.LocalDateTime.ofEpochSecond(s, 0, java.time.ZoneOffset.UTC)
                                    .toString()),
                    Arbitraries.longs().between(-719_162L, 2_932_896L)
                            .map(d -> (Object) java.time.LocalDate.ofEpochDay(d).toString()));
            case LINK -> Arbitraries.oneOf(
                    objectIds(),
                    objectIds().list().ofMaxSize(4).map(l -> (Object) l),
                    objectIds().map(o -> (Object) ((ObjectId) o).toHexString()));
        };
    }

    private Arbitrary<Object> objectIds() {
        return Arbitraries.bytes().array(byte[].class).ofSize(12).map(b -> (Object) new ObjectId(b));
    }

    @Provide
    Arbitrary<FieldMapping> numericFields() {
        return fields().filter(f -> f.type().isNumeric());
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, scalars()),
                Tuple.of(3, scalars().injectNull(0.2).list().ofMaxSize(5).map(l -> (Object) l)),
                Tuple.of(1, scalars().map(s -> (Object) new Document("k", s))),
                Tuple.of(1, scalars().map(s -> (Object) List.of(List.of(s)))),
                Tuple.of(1, Arbitraries.just(null)),
                Tuple.of(1, longTexts()));
    }

    private Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.strings().withChars(" \t\r\n\u0000\u0007abcAB,.-é👋").ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.strings().withChars("0123456789.-+eE ").ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.of("true", "FALSE", " yes", "2024-01-05", "2024-02-30", "2024-01-05T10:00:00Z",
                        "2024-01-05T10:00:00.123456+05:30", "2024-03-31T02:30:00", "0000-01-01", "9999-12-31",
                        "NaN", "Infinity", "1e3", " 42.50 ", "-0", "").map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
                        Double.MAX_VALUE, 0.1 + 0.2, 1e21, 1e-7, 2.5, -2.5, 9007199254740993.0).map(d -> (Object) d),
                decimals().map(d -> (Object) d),
                decimals().map(d -> (Object) new Decimal128(d)),
                Arbitraries.of(Decimal128.NaN, Decimal128.POSITIVE_INFINITY, Decimal128.NEGATIVE_ZERO,
                        Decimal128.parse("1E-6176"), Decimal128.parse("9.999999999999999999999999999999999E+6144"))
                        .map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.longs().between(-70_000_000_000_000L, 300_000_000_000_000L).map(ms -> (Object) new Date(ms)),
                Arbitraries.bytes().array(byte[].class).ofSize(12).map(b -> (Object) new ObjectId(b)),
                Arbitraries.integers().greaterOrEqual(0).map(s -> (Object) new BsonTimestamp(s, 1)));
    }

    private Arbitrary<Object> longTexts() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(4)
                .map(s -> (Object) s.repeat(AirtableLimits.MAX_TEXT_LENGTH / s.length() + 2));
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12")).ofScale(6),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e4"), new BigDecimal("1e4")).ofScale(12),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e17"), new BigDecimal("1e17")).ofScale(0),
                Arbitraries.of(new BigDecimal("2.5"), new BigDecimal("-2.5"), new BigDecimal("0.125"),
                        new BigDecimal("12.345"), new BigDecimal("1E+3"), new BigDecimal("0.00000001"),
                        new BigDecimal("9007199254740991"), new BigDecimal("123456789.123456785")));
    }

    @Provide
    Arbitrary<Integer> precisions() {
        return Arbitraries.integers().between(0, 8);
    }

    @Provide
    Arbitrary<Long> safeLongs() {
        return Arbitraries.longs().between(-(1L << 53) + 1, (1L << 53) - 1);
    }

    @Provide
    Arbitrary<List<String>> canonicalLists() {
        return Arbitraries.strings().all().ofMaxLength(20).injectNull(0.3).list().ofMaxSize(30);
    }
}
