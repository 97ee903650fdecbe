package io.airsync.fieldtype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every field type class promises, checked for each registered one; and the fallback for other Airtable types. */
class FieldTypeContractTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** A value each type takes, as MongoDB would hold it. */
    static final Map<String, Object> SAMPLE = Map.ofEntries(
            Map.entry("singleLineText", " Ada  Lovelace "), Map.entry("multilineText", "line 1\r\nline 2\n"),
            Map.entry("email", "ada@example.com"), Map.entry("phoneNumber", "+33 6 12 34 56 78"),
            Map.entry("url", "https://example.com/a"), Map.entry("number", 42.5), Map.entry("currency", 19.99),
            Map.entry("percent", 0.425), Map.entry("checkbox", true),
            Map.entry("date", new java.util.Date(1_704_448_800_000L)),
            Map.entry("dateTime", new java.util.Date(1_704_448_800_123L)), Map.entry("singleSelect", "Communal"),
            Map.entry("multipleSelects", List.of("Wine", "Cooking", "Wine")),
            Map.entry("multipleRecordLinks", List.of("recAAAAAAAAAAAAAA1", "recAAAAAAAAAAAAAA0")));

    @Test
    void everyTypeIsRegisteredOnceAndNamedByTheMappingsEnum() {
        assertEquals(14, FieldTypes.writable().size());
        for (WritableFieldType t : FieldTypes.writable()) {
            assertSame(t, FieldTypes.writable(t.airtableName()).orElseThrow());
            assertSame(t, FieldTypes.ofAirtable(t.airtableName()));
            assertTrue(SAMPLE.containsKey(t.airtableName()), "a sample for " + t.airtableName());
        }
        assertEquals(FieldTypes.writable().stream().map(AirtableFieldType::airtableName).toList(),
                java.util.Arrays.stream(io.airsync.mapping.FieldType.values())
                        .map(io.airsync.mapping.FieldType::airtableName).toList());
    }

    @Test
    void aFieldOfItsOwnTypeTakesWhatATypeWritesAndNothingComputedDoes() {
        for (WritableFieldType t : FieldTypes.writable()) {
            assertTrue(t.accepts().contains(t.writes()), t.airtableName());
            assertFalse(t.computed(), t.airtableName());
        }
    }

    @Test
    void whatATypeWritesHasTheSameCanonicalAsTheSourceValueAndIsStable() {
        for (WritableFieldType t : FieldTypes.writable()) {
            Object source = SAMPLE.get(t.airtableName());
            ConvertedValue written = t.convert(source, Field.PLAIN, PARIS);
            assertTrue(written.isOk(), t.airtableName() + ": " + written);
            assertNotNull(written.value(), t.airtableName());
            String canonical = t.canonical(written.value(), PARIS);
            assertNotNull(canonical, t.airtableName());
            assertEquals(canonical, t.canonical(t.convert(written.value(), Field.PLAIN, PARIS).value(), PARIS),
                    t.airtableName() + ": converting a written value again changes nothing");
        }
    }

    @Test
    void otherAirtableTypesFallBackToWhatTheyAreKnownToAccept() {
        assertEquals(Set.of(ValueShape.TEXT, ValueShape.CHOICE), FieldTypes.ofAirtable("richText").accepts());
        assertEquals(Set.of(ValueShape.NUMBER), FieldTypes.ofAirtable("rating").accepts());
        assertTrue(FieldTypes.ofAirtable("formula").computed());
        assertTrue(FieldTypes.ofAirtable("rollup").accepts().isEmpty());
        AirtableFieldType future = FieldTypes.ofAirtable("aiText2031");
        assertEquals("aiText2031", future.airtableName());
        assertTrue(future.accepts().isEmpty(), "a type nobody knows takes nothing");
        assertFalse(future.computed());
        assertFalse(future.canHoldKey());
        assertTrue(future.choices(Map.of("choices", List.of(Map.of("name", "x")))).isEmpty());
    }

    @Test
    void theKeysATypeTakesAreListedForMessages() {
        assertEquals("number, currency and percent", FieldTypes.namesTaking(MappingOption.PRECISION));
        assertEquals("percent", FieldTypes.namesTaking(MappingOption.PERCENT_SCALE));
        assertEquals("singleSelect and multipleSelects", FieldTypes.namesTaking(MappingOption.OPTIONS));
        assertEquals("multipleRecordLinks", FieldTypes.namesTaking(MappingOption.LINK));
    }
}
