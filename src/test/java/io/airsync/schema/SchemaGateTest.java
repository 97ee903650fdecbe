package io.airsync.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.airtable.BaseSchema;
import io.airsync.airtable.BaseSchema.FieldSchema;
import io.airsync.airtable.BaseSchema.TableSchema;
import io.airsync.mapping.MappingLoader;
import io.airsync.mapping.SyncMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The schema gate against hand-made base schemas: what fails a table, what is a warning, the run's messages. */
class SchemaGateTest {

    static final String BASE = "appGate0000000001";
    static final SyncMapping MAPPING = new MappingLoader().parse("gate.yaml", """
            tables:
              - name: People
                source: { collection: people }
                keyField: Mongo ID
                mirror: { mode: flag, flagField: Gone }
                fields:
                  - { airtable: Name, source: name, type: singleLineText }
                  - { airtable: Spent, source: spent, type: currency, precision: 2 }
                  - { airtable: Level, source: level, type: singleSelect }
                  - { airtable: Tags, source: tags, type: multipleSelects, options: reject }
              - name: Notes
                source: { collection: notes }
                keyField: Mongo ID
                fields:
                  - { airtable: Text, source: text, type: multilineText }
                  - { airtable: Person, source: person_id, type: multipleRecordLinks, link: People }
            """);

    static FieldSchema f(String name, String type, Map<String, Object> options) {
        return new FieldSchema("fld" + name.replace(" ", ""), name, type, options);
    }

    static BaseSchema base(Map<String, FieldSchema> peopleOverrides, Map<String, FieldSchema> notesOverrides) {
        List<FieldSchema> people = new ArrayList<>(List.of(f("Mongo ID", "singleLineText", null),
                f("Name", "singleLineText", null), f("Spent", "currency", Map.of("precision", 2, "symbol", "$")),
                f("Level", "singleSelect", Map.of("choices", List.of(Map.of("name", "Gold"), Map.of("name", "Silver")))),
                f("Tags", "multipleSelects", Map.of("choices", List.of(Map.of("name", "a")))),
                f("Gone", "checkbox", Map.of("icon", "check", "color", "greenBright"))));
        List<FieldSchema> notes = new ArrayList<>(List.of(f("Mongo ID", "singleLineText", null),
                f("Text", "multilineText", null),
                f("Person", "multipleRecordLinks", Map.of("linkedTableId", "tblPeople"))));
        return new BaseSchema(List.of(new TableSchema("tblPeople", "People", "fldMongoID", override(people, peopleOverrides)),
                new TableSchema("tblNotes", "Notes", "fldMongoID", override(notes, notesOverrides))));
    }

    /** Overrides that remove these fields. */
    static Map<String, FieldSchema> removed(String... names) {
        Map<String, FieldSchema> m = new java.util.HashMap<>();
        for (String n : names) {
            m.put(n, null);
        }
        return m;
    }

    static List<FieldSchema> override(List<FieldSchema> fields, Map<String, FieldSchema> overrides) {
        List<FieldSchema> out = new ArrayList<>();
        for (FieldSchema fs : fields) {
            if (overrides.containsKey(fs.name())) {
                if (overrides.get(fs.name()) != null) {
                    out.add(overrides.get(fs.name()));
                }
            } else {
                out.add(fs);
            }
        }
        return out;
    }

    static TableFit people(BaseSchema schema) {
        return SchemaGate.check(MAPPING, MAPPING.table("People").orElseThrow(), schema, BASE);
    }

    static TableFit notes(BaseSchema schema) {
        return SchemaGate.check(MAPPING, MAPPING.table("Notes").orElseThrow(), schema, BASE);
    }

    @Test
    void aBaseThatFitsPassesWithItsChoices() {
        TableFit fit = people(base(Map.of(), Map.of()));
        assertTrue(fit.fits());
        assertNull(fit.failure());
        assertEquals(List.of(), fit.warnings());
        assertEquals(Map.of("Level", Set.of("Gold", "Silver"), "Tags", Set.of("a")), fit.choices());
        assertTrue(notes(base(Map.of(), Map.of())).fits());
        assertEquals(List.of(), SchemaGate.findings(MAPPING, base(Map.of(), Map.of()), BASE));
    }

    @Test
    void aMissingTableOrFieldFailsTheTableNamingThem() {
        TableFit gone = people(new BaseSchema(List.of()));
        assertEquals("Airtable table 'People' does not exist in base " + BASE + " (renamed or deleted?)", gone.failure());
        TableFit missing = people(base(removed("Name", "Mongo ID"), Map.of()));
        assertEquals("mapped fields missing in Airtable table 'People': Mongo ID (key field), Name", missing.failure());
        assertEquals(List.of("Mongo ID (key field)", "Name"), missing.missing());
    }

    @Test
    void whatAirtableWouldRefuseFailsTheTable() {
        TableFit retyped = people(base(Map.of("Spent", f("Spent", "singleLineText", null),
                "Name", f("Name", "formula", Map.of("formula", "1")), "Mongo ID", f("Mongo ID", "number", null)), Map.of()));
        assertFalse(retyped.fits());
        assertEquals("key field 'Mongo ID' is number (not text); field 'Name' is a computed formula field; field "
                + "'Spent' is mapped as currency but is singleLineText in Airtable table 'People': Airtable would refuse "
                + "the values (retyped? fix the field or the mapping)", retyped.failure());
    }

    @Test
    void theMirrorFlagFieldMustBeACheckbox() {
        assertEquals("mapped field missing in Airtable table 'People': Gone (mirror flag field)",
                people(base(removed("Gone"), Map.of())).failure());
        assertTrue(people(base(Map.of("Gone", f("Gone", "singleLineText", null)), Map.of())).failure()
                .startsWith("mirror flag field 'Gone' is singleLineText (not checkbox)"));
    }

    @Test
    void aLinkFieldMustPointAtItsMappedTarget() {
        TableFit wrong = notes(base(Map.of(), Map.of("Person", f("Person", "multipleRecordLinks",
                Map.of("linkedTableId", "tblNotes")))));
        assertFalse(wrong.fits());
        assertTrue(wrong.failure().startsWith("field 'Person' links to table 'Notes' but the mapping links it to "
                + "'People' (Airtable table 'People', tblPeople)"), wrong.failure());
    }

    @Test
    void workableDifferencesAreWarnings() {
        TableFit fit = people(base(Map.of("Spent", f("Spent", "currency", Map.of("precision", 0)),
                "Name", f("Name", "singleSelect", Map.of("choices", List.of(Map.of("name", "Ada"))))), Map.of()));
        assertTrue(fit.fits(), fit.failure());
        assertEquals(List.of("field 'Name' is mapped as singleLineText but is singleSelect in Airtable (values still fit)",
                "field 'Spent' has precision 0 in Airtable, the mapping's is 2 (set precision: 0 so written and stored "
                        + "values agree)"), fit.warnings());
        assertEquals(Set.of("Ada"), fit.choices().get("Name"), "text onto a select still has its choices checked");
    }
}
