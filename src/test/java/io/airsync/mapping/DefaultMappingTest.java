package io.airsync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.airtable.BaseSchema;
import io.airsync.airtable.BaseSchema.FieldSchema;
import io.airsync.airtable.BaseSchema.TableSchema;
import io.airsync.schema.SchemaGate;
import io.airsync.testing.DefaultAirtableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped mapping covers every field of the original prototype, and the shipped base schema fits it. */
class DefaultMappingTest {

    private static final SyncMapping MAPPING = new MappingLoader().load(MappingLoader.DEFAULT_LOCATION);

    /** Every source field the prototype synced, per table (its "id" is the key field, written from _id). */
    private static final Map<String, List<String>> PROTOTYPE_SOURCES = Map.of(
            "Users", List.of("email", "firstName", "lastName", "phone", "role", "gender", "birthDay", "occupation",
                    "homeNeighborhood", "interests", "tableTypePreference", "event_count", "order_count",
                    "total_spent", "last_active", "days_inactive", "engagement_status", "journey_stage",
                    "value_segment", "user_segment", "churn_risk", "profile_completeness", "profile_ready", "summary",
                    "createdAt", "updatedAt"),
            "Events", List.of("name", "description", "startDate", "endDate", "location", "eventType", "cuisine",
                    "tableType", "maxCapacity", "price", "participantCount", "participationPercentage",
                    "participant_top_interests", "participant_top_occupations", "qualifies_seat_newcomers",
                    "qualifies_fill_the_table", "summary", "createdAt", "updatedAt"),
            "Messages", List.of("user_id", "event_id", "user_name", "user_email", "user_phone", "user_summary",
                    "event_name", "event_summary", "message_text", "personalization_notes", "character_count",
                    "similarity_score", "confidence_percentage", "reasoning", "status", "campaign", "generated_at",
                    "updatedAt"));

    @Test
    void tablesInSyncOrderWithKeysAndNaturalKeys() {
        assertEquals(List.of("Users", "Events", "Messages"), MAPPING.tableNames());
        for (TableMapping t : MAPPING.tables()) {
            assertEquals("Mongo ID", t.keyField(), t.name());
            assertEquals(t.name(), t.airtableTable());
            assertEquals(Mirror.OFF, t.mirror());
            assertFalse(t.source().isPipeline());
            assertTrue(t.fields().stream().noneMatch(f -> f.source().equals("_id")), "_id is the key, not a field");
        }
        assertEquals(new NaturalKey("Email", KeyNormalization.email), MAPPING.table("Users").orElseThrow().naturalKey());
        assertEquals(new NaturalKey("Name", KeyNormalization.casefold),
                MAPPING.table("Events").orElseThrow().naturalKey());
        assertEquals(new NaturalKey("Message", KeyNormalization.exact),
                MAPPING.table("Messages").orElseThrow().naturalKey());
        assertEquals(List.of("users", "events", "messages"),
                MAPPING.tables().stream().map(t -> t.source().collection()).toList());
    }

    @Test
    void everyPrototypeFieldIsMapped() {
        for (var e : PROTOTYPE_SOURCES.entrySet()) {
            TableMapping t = MAPPING.table(e.getKey()).orElseThrow();
            Set<String> mapped = t.fields().stream().filter(f -> !f.isLink()).map(FieldMapping::source)
                    .collect(Collectors.toSet());
            assertEquals(new HashSet<>(e.getValue()), mapped, e.getKey());
            assertEquals(e.getValue().size(), t.fields().stream().filter(f -> !f.isLink()).count(),
                    e.getKey() + ": each source once");
        }
        TableMapping messages = MAPPING.table("Messages").orElseThrow();
        FieldMapping user = messages.field("User").orElseThrow();
        FieldMapping event = messages.field("Event").orElseThrow();
        assertEquals(List.of("user_id", "Users"), List.of(user.source(), user.link()));
        assertEquals(List.of("event_id", "Events"), List.of(event.source(), event.link()));
    }

    @Test
    void typesFollowTheValues() {
        Map<String, FieldType> expected = new LinkedHashMap<>();
        for (String s : List.of("email", "user_email")) {
            expected.put(s, FieldType.EMAIL);
        }
        for (String s : List.of("phone", "user_phone")) {
            expected.put(s, FieldType.PHONE_NUMBER);
        }
        for (String s : List.of("role", "gender", "engagement_status", "journey_stage", "value_segment",
                "user_segment", "churn_risk", "eventType", "cuisine", "tableType", "tableTypePreference", "status",
                "campaign")) {
            expected.put(s, FieldType.SINGLE_SELECT);
        }
        for (String s : List.of("interests", "participant_top_interests", "participant_top_occupations")) {
            expected.put(s, FieldType.MULTIPLE_SELECTS);
        }
        for (String s : List.of("event_count", "order_count", "days_inactive", "maxCapacity", "participantCount",
                "character_count", "similarity_score")) {
            expected.put(s, FieldType.NUMBER);
        }
        expected.put("total_spent", FieldType.CURRENCY);
        expected.put("price", FieldType.CURRENCY);
        for (String s : List.of("participationPercentage", "confidence_percentage", "profile_completeness")) {
            expected.put(s, FieldType.PERCENT);
        }
        expected.put("birthDay", FieldType.DATE);
        for (String s : List.of("createdAt", "updatedAt", "last_active", "generated_at", "startDate", "endDate")) {
            expected.put(s, FieldType.DATE_TIME);
        }
        for (String s : List.of("profile_ready", "qualifies_seat_newcomers", "qualifies_fill_the_table")) {
            expected.put(s, FieldType.CHECKBOX);
        }
        for (String s : List.of("summary", "description", "message_text", "reasoning", "personalization_notes",
                "user_summary", "event_summary")) {
            expected.put(s, FieldType.MULTILINE_TEXT);
        }
        int checked = 0;
        for (TableMapping t : MAPPING.tables()) {
            for (FieldMapping f : t.fields()) {
                if (f.isLink()) {
                    continue;
                }
                if (f.source().equals("user_id") || f.source().equals("event_id")) {
                    assertEquals(FieldType.SINGLE_LINE_TEXT, f.type(), f.airtable());
                } else if (expected.containsKey(f.source())) {
                    assertEquals(expected.get(f.source()), f.type(), t.name() + "." + f.airtable());
                    checked++;
                }
            }
        }
        assertTrue(checked >= expected.size());
        Map<String, Integer> precisions = new HashMap<>();
        MAPPING.tables().forEach(t -> t.fields().stream().filter(f -> f.precision() != null)
                .forEach(f -> precisions.put(f.source(), f.precision())));
        assertEquals(2, precisions.get("total_spent"));
        assertEquals(2, precisions.get("price"));
        assertEquals(4, precisions.get("similarity_score"));
        assertEquals(0, precisions.get("event_count"));
        assertTrue(MAPPING.table("Events").orElseThrow().field("Participation Percentage").orElseThrow()
                .percentOfHundred());
    }

    private static final String BASE = "appAirsyncLocal01";

    @Test
    void theShippedBaseSchemaFitsTheMapping() {
        BaseSchema schema = DefaultAirtableSchema.load();
        assertEquals(List.of(), SchemaGate.findings(MAPPING, schema, BASE));
        for (TableSchema t : schema.tables()) {
            assertTrue(t.id().matches("tbl[A-Za-z0-9]{14}"), t.id());
            FieldSchema primary = t.field(t.primaryFieldId()).orElseThrow();
            assertTrue(Set.of("email", "singleLineText", "multilineText").contains(primary.type()), primary.name());
            Set<String> ids = new HashSet<>();
            Set<String> names = new HashSet<>();
            for (FieldSchema f : t.fields()) {
                assertTrue(f.id().matches("fld[A-Za-z0-9]{14}"), f.id());
                assertTrue(ids.add(f.id()), "unique id " + f.id());
                assertTrue(names.add(f.name().toLowerCase()), "unique name " + f.name());
                if (f.type().equals("multipleRecordLinks")) {
                    // the inverse field exists in the linked table and points back
                    TableSchema linked = schema.table((String) f.options().get("linkedTableId")).orElseThrow();
                    FieldSchema inverse = linked.field((String) f.options().get("inverseLinkFieldId")).orElseThrow();
                    assertEquals(t.id(), inverse.options().get("linkedTableId"));
                    assertEquals(f.id(), inverse.options().get("inverseLinkFieldId"));
                }
                if (f.type().endsWith("Select") || f.type().endsWith("Selects")) {
                    List<String> choices = DefaultAirtableSchema.choices(t.name(), f.name());
                    assertFalse(choices.isEmpty(), f.name());
                    assertEquals(choices.size(), new HashSet<>(choices).size(), "unique choices in " + f.name());
                }
            }
        }
        assertEquals(List.of("Communal", "Small Group", "Private", "Chef's Table"),
                DefaultAirtableSchema.choices("Events", "Table Type"));
        assertTrue(DefaultAirtableSchema.choices("Users", "Table Type Preference")
                .containsAll(DefaultAirtableSchema.choices("Events", "Table Type")));
        assertEquals(DefaultAirtableSchema.choices("Users", "Interests"),
                DefaultAirtableSchema.choices("Events", "Participant Top Interests"));
    }

    @Test
    void schemaCheckNamesWhatDoesNotFit() {
        BaseSchema good = DefaultAirtableSchema.load();
        List<TableSchema> tables = new ArrayList<>();
        for (TableSchema t : good.tables()) {
            List<FieldSchema> fields = new ArrayList<>();
            for (FieldSchema f : t.fields()) {
                if (t.name().equals("Users") && f.name().equals("Phone")) {
                    continue; // removed
                }
                if (t.name().equals("Users") && f.name().equals("Role")) {
                    f = new FieldSchema(f.id(), f.name(), "singleLineText", null); // retyped
                }
                if (t.name().equals("Users") && f.name().equals("Total Spent")) {
                    f = new FieldSchema(f.id(), f.name(), f.type(), Map.of("precision", 0, "symbol", "$"));
                }
                if (t.name().equals("Events") && f.name().equals("Mongo ID")) {
                    f = new FieldSchema(f.id(), f.name(), "number", Map.of("precision", 0));
                }
                if (t.name().equals("Messages") && f.name().equals("Event")) {
                    Map<String, Object> options = new HashMap<>(f.options());
                    options.put("linkedTableId", good.table("Users").orElseThrow().id());
                    f = new FieldSchema(f.id(), f.name(), f.type(), options);
                }
                fields.add(f);
            }
            if (!t.name().equals("Nothing")) {
                tables.add(new TableSchema(t.id(), t.name(), t.primaryFieldId(), fields));
            }
        }
        List<String> problems = SchemaGate.findings(MAPPING, new BaseSchema(tables), BASE);
        assertEquals(5, problems.size(), String.join("\n", problems));
        assertTrue(problems.contains("table 'Users': missing in Airtable: Phone"), String.join("\n", problems));
        assertTrue(problems.contains("table 'Users': field 'Role' is mapped as singleSelect but is singleLineText in "
                + "Airtable (values still fit)"), String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("table 'Users': field 'Total Spent' has precision 0 "
                + "in Airtable, the mapping's is 2")), String.join("\n", problems));
        assertTrue(problems.contains("table 'Events': key field 'Mongo ID' is number (not text)"),
                String.join("\n", problems));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("table 'Messages': field 'Event' links to table "
                + "'Users' but the mapping links it to 'Events'")), String.join("\n", problems));
        List<String> noTables = SchemaGate.findings(MAPPING, new BaseSchema(List.of()), BASE);
        assertTrue(noTables.contains("table 'Users': Airtable table 'Users' does not exist in base " + BASE
                + " (renamed or deleted?)"), String.join("\n", noTables));
    }
}
