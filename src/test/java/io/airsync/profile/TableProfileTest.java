package io.airsync.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.convert.ValueConverter;
import io.airsync.convert.ValueNormalizer;
import io.airsync.mapping.MappingException;
import io.airsync.mapping.MappingLoader;
import io.airsync.mapping.TableMapping;
import io.airsync.plan.DocumentConverter;
import io.airsync.plan.SourceRecord;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The value profile fed by the real conversion of generated documents: which values contradict the mapping, the
 * warnings it gives (counts, shares, example records, no personal data), and {@code strict} turning a contradicting
 * value into its record's failure.
 */
class TableProfileTest {

    static final String MAPPING = """
            tables:
              - name: People
                source: { collection: people }
                keyField: Key
                fields:
                  - { airtable: Email, source: email, type: email%s }
                  - { airtable: Phone, source: phone, type: phoneNumber }
                  - { airtable: Done, source: done, type: percent, percentScale: hundred, precision: 0%s }
                  - { airtable: Share, source: share, type: percent }
                  - { airtable: Count, source: count, type: number, precision: 0 }
                  - { airtable: Seen, source: seen, type: date }
                  - { airtable: Tags, source: tags, type: singleLineText, separator: " | " }
                  - { airtable: Note, source: note, type: multilineText }
            """;

    final ValueConverter values = new ValueConverter(ZoneOffset.UTC);

    @Test
    void contradictingValuesAreCountedAndWarnedAboutWithExampleRecords() {
        TableMapping table = mapping(false);
        TableProfile profile = new TableProfile(table);
        DocumentConverter converter = new DocumentConverter(table, values, new ValueNormalizer(ZoneOffset.UTC),
                (t, id) -> null, profile);
        List<Document> docs = documents(50);
        docs.get(3).put("email", "jane.doe(at)example.com");
        docs.get(4).put("email", List.of("a@example.com", "b@example.com"));
        docs.get(5).put("share", 42);
        docs.get(6).put("count", 3.5);
        docs.get(7).put("seen", new Date(-2_208_988_800_000L)); // 1900-01-01
        docs.get(8).put("note", "tab\tand\u0000NUL");
        docs.get(9).put("tags", List.of("a", "b"));
        docs.get(10).remove("phone");
        for (Document d : docs) {
            assertFalse(converter.convert(d).failed(), "nothing is strict: nothing fails");
        }

        Map<String, ValueWarning> warnings = profile.warnings().stream()
                .collect(Collectors.toMap(w -> w.field() + " " + w.kind(), Function.identity()));
        assertEquals(List.of("Email TEXT_SHAPE", "Email ARRAY_JOINED", "Done PERCENT_SCALE", "Share PERCENT_SCALE",
                "Count DECIMALS_LOST", "Seen DATE_OUTLIER"), profile.warnings().stream()
                .map(w -> w.field() + " " + w.kind()).toList());
        ValueWarning done = warnings.get("Done PERCENT_SCALE");
        assertEquals(50, done.count());
        assertTrue(done.message().startsWith("all 50 values lie between 0.01 and 0.5 although percentScale is hundred"),
                done.message());
        assertEquals(List.of(key(0), key(1), key(2)), done.records(), "a few records to look at");
        assertEquals(1, warnings.get("Share PERCENT_SCALE").count());
        assertTrue(warnings.get("Share PERCENT_SCALE").message().contains("largest 42"));
        assertEquals(List.of(key(3)), warnings.get("Email TEXT_SHAPE").records());
        assertFalse(warnings.get("Email TEXT_SHAPE").message().contains("jane"), "no address in a warning");
        assertEquals(List.of(key(4)), warnings.get("Email ARRAY_JOINED").records());
        assertEquals(List.of(key(6)), warnings.get("Count DECIMALS_LOST").records());
        assertEquals(List.of(key(7)), warnings.get("Seen DATE_OUTLIER").records());
        assertTrue(warnings.get("Seen DATE_OUTLIER").message().contains("[1900]"));
        assertNull(warnings.get("Tags ARRAY_JOINED"), "a separator in the mapping accepts joining");

        assertEquals(List.of(new TextChanges("Email", 0, 0, 1), new TextChanges("Note", 1, 0, 0),
                new TextChanges("Tags", 0, 0, 1)), profile.textChanges()
                .stream().sorted(java.util.Comparator.comparing(TextChanges::field)).toList());
        assertEquals(new FieldStats("Done", "percent", 50, 0, 0, "0.01 to 0.5"), profile.stats().get(2));
        assertEquals(new FieldStats("Seen", "date", 50, 0, 0, "1900 to 2024"), profile.stats().get(5));
        assertEquals(new FieldStats("Phone", "phoneNumber", 50, 1, 0, null), profile.stats().get(1));
        FieldProfile phone = profile.field(1);
        assertEquals(50, phone.observed());
        assertEquals(1, phone.absent());
        assertEquals(0.02, phone.nullShare(), 1e-9);
    }

    @Test
    void aStrictFieldFailsTheRecordsWhoseValueContradictsTheMapping() {
        TableMapping table = mapping(true);
        TableProfile profile = new TableProfile(table);
        DocumentConverter converter = new DocumentConverter(table, values, new ValueNormalizer(ZoneOffset.UTC),
                (t, id) -> null, profile);
        List<Document> docs = documents(10);
        docs.get(0).put("email", "nobody");
        docs.get(1).put("email", List.of("a@example.com", "b@example.com"));
        docs.get(2).put("done", 64);
        docs.get(3).put("done", 0);
        List<SourceRecord> records = new ArrayList<>();
        docs.forEach(d -> records.add(converter.convert(d)));

        assertEquals("STRICT_TEXT_SHAPE", records.get(0).failure().kind().name());
        assertEquals("Email", records.get(0).failure().field());
        assertEquals("the text is not an e-mail address (the field is strict; the record is not sent)",
                records.get(0).failure().message());
        assertEquals("STRICT_ARRAY_JOINED", records.get(1).failure().kind().name());
        assertFalse(records.get(2).failed(), "64 is a percentage: what the mapping says");
        assertFalse(records.get(3).failed(), "0 is 0 on either scale");
        for (int i = 4; i < 10; i++) {
            assertEquals("STRICT_PERCENT_SCALE", records.get(i).failure().kind().name(), "a fraction under hundred fails");
            assertEquals("Done", records.get(i).failure().field());
        }
        ValueWarning done = profile.warnings().stream().filter(w -> w.field().equals("Done")).findFirst().orElseThrow();
        assertTrue(done.strict());
        assertEquals(6, done.count());
        assertTrue(done.message().endsWith("These records failed (strict)."), done.message());
    }

    @Test
    void strictMustBeABoolean() {
        MappingException e = assertThrows(MappingException.class,
                () -> new MappingLoader().parse("people.yaml", String.format(MAPPING, ", strict: yes please", "")));
        assertTrue(e.getMessage().contains("strict must be true or false, got 'yes please'"), e.getMessage());
    }

    @Test
    void shapesOfEmailsPhonesAndUrls() {
        for (String ok : List.of("a@b.co", "first.last+tag@sub.example.org", "O'Brien@example.ie")) {
            assertTrue(ValueChecks.hasShape(io.airsync.mapping.FieldType.EMAIL, ok), ok);
        }
        for (String bad : List.of("a@b", "a b@example.com", "a@example.com, b@example.com", "@example.com", "none")) {
            assertFalse(ValueChecks.hasShape(io.airsync.mapping.FieldType.EMAIL, bad), bad);
        }
        for (String ok : List.of("+33 6 12 34 56 78", "(555) 123-4567", "555.123.4567 ext. 12", "0612345678")) {
            assertTrue(ValueChecks.hasShape(io.airsync.mapping.FieldType.PHONE_NUMBER, ok), ok);
        }
        for (String bad : List.of("call me", "12", "+33 6 12 34 56 78, +33 6 00 00 00 00")) {
            assertFalse(ValueChecks.hasShape(io.airsync.mapping.FieldType.PHONE_NUMBER, bad), bad);
        }
        for (String ok : List.of("https://example.com/a?b=c", "www.example.org", "example.co.uk/path")) {
            assertTrue(ValueChecks.hasShape(io.airsync.mapping.FieldType.URL, ok), ok);
        }
        assertFalse(ValueChecks.hasShape(io.airsync.mapping.FieldType.URL, "not a url"));
    }

    private TableMapping mapping(boolean strict) {
        String flag = strict ? ", strict: true" : "";
        return new MappingLoader().parse("people.yaml", String.format(MAPPING, flag, flag)).table("People").orElseThrow();
    }

    private static List<Document> documents(int n) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(new Document("_id", key(i)).append("email", "person" + i + "@example.com")
                    .append("phone", "+33 6 12 34 56 " + String.format("%02d", i % 100))
                    .append("done", (i + 1) / 100.0)
                    .append("share", 0.5)
                    .append("count", i)
                    .append("seen", new Date(1_700_000_000_000L + 86_400_000L * i))
                    .append("tags", "t" + i)
                    .append("note", "note " + i));
        }
        return docs;
    }

    private static String key(int i) {
        return "person-" + i;
    }
}
