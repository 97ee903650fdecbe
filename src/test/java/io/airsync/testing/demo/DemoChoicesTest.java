package io.airsync.testing.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoChoicesTest {

    @Test
    void readsSelectChoicesThroughTheMapping(@TempDir Path project) throws IOException {
        Path schema = project.resolve(DemoChoices.SCHEMA);
        Path mapping = project.resolve(DemoChoices.MAPPING);
        Files.createDirectories(schema.getParent());
        Files.createDirectories(mapping.getParent());
        Files.writeString(schema, """
                {"tables": [{"id": "tblU", "name": "People", "fields": [
                  {"id": "fld1", "name": "Kind", "type": "singleSelect",
                   "options": {"choices": [{"id": "sel1", "name": "Regular Guest"}, {"id": "sel2", "name": "Cook"}]}},
                  {"id": "fld2", "name": "Mood", "type": "singleSelect",
                   "options": {"choices": [{"name": "Glad"}, {"name": "Sad"}, {"name": "Churned"}]}}
                ]}]}
                """);
        Files.writeString(mapping, """
                tables:
                  - name: Users
                    airtableTable: People
                    source: { collection: users }
                    fields:
                      - { airtable: Kind, source: role, type: singleSelect }
                      - { airtable: Mood, source: engagement_status, type: singleSelect }
                """);

        DemoChoices choices = DemoChoices.forProject(project);
        assertEquals(List.of("Regular Guest", "Cook"), choices.of("users.role"));
        assertEquals(List.of("Glad", "Sad", "Churned"), choices.of("users.engagement_status"));
        assertEquals(DemoChoices.builtIn().of("events.cuisine"), choices.of("events.cuisine"), "not in the schema");
        assertTrue(choices.origin().contains("schema.json"));

        List<String> vocabulary = List.of("new", "active", "at_risk", "dormant", "churned");
        assertEquals("Churned", choices.resolve("users.engagement_status", vocabulary, "churned"), "same name");
        assertEquals("Glad", choices.resolve("users.engagement_status", vocabulary, "new"), "by position");
        assertEquals("Sad", choices.resolve("users.engagement_status", vocabulary, "at_risk"), "by position");
        assertThrows(IllegalArgumentException.class, () -> choices.resolve("users.engagement_status", vocabulary, "x"));

        // Every generated value is one of those choices.
        DemoDataGenerator generator = new DemoDataGenerator(1, choices);
        generator.generate(200).users().forEach(user -> {
            assertTrue(choices.of("users.role").contains(user.getString("role")));
            assertTrue(choices.of("users.engagement_status").contains(user.getString("engagement_status")));
        });
    }

    @Test
    void withoutASchemaTheBuiltInListsApply(@TempDir Path project) {
        assertEquals(DemoChoices.builtIn(), DemoChoices.forProject(project));
    }

    @Test
    void aSchemaThatCannotBeReadIsNamedInTheError(@TempDir Path project) throws IOException {
        Files.createDirectories(project.resolve(DemoChoices.SCHEMA).getParent());
        Files.createDirectories(project.resolve(DemoChoices.MAPPING).getParent());
        Files.writeString(project.resolve(DemoChoices.SCHEMA), "{not json");
        Files.writeString(project.resolve(DemoChoices.MAPPING), "tables: []");
        Exception e = assertThrows(RuntimeException.class, () -> DemoChoices.forProject(project));
        assertTrue(e.getMessage().contains("schema.json"), e.getMessage());
    }

    /**
     * The anti-drift check: with the project's own schema and default mapping, every select and multi-select
     * value the generator writes is one of that Airtable field's choices (Airtable rejects others: typecast is off).
     * Runs where infra/airtable/schema.json exists; {@code -Ddemo.project.dir=...} points it at another checkout.
     */
    @Test
    void generatedSelectValuesAreChoicesOfTheProjectSchema() throws IOException {
        Path project = Path.of(System.getProperty("demo.project.dir", System.getProperty("user.dir")));
        Path schemaFile = project.resolve(DemoChoices.SCHEMA);
        Path mappingFile = project.resolve(DemoChoices.MAPPING);
        assumeTrue(Files.isRegularFile(schemaFile) && Files.isRegularFile(mappingFile), "no Airtable schema yet");
        JsonNode schema = new ObjectMapper().readTree(schemaFile.toFile());
        JsonNode mapping = new ObjectMapper(new YAMLFactory()).readTree(mappingFile.toFile());

        DemoDataGenerator.Dataset dataset = new DemoDataGenerator(20250601L, DemoChoices.forProject(project)).generate(500);
        int checkedFields = 0;
        for (JsonNode table : mapping.path("tables")) {
            String collection = table.path("source").path("collection").asText();
            JsonNode schemaTable = named(schema.path("tables"), table.path("airtableTable").asText());
            List<Document> documents = dataset.of(collection).toList();
            for (JsonNode field : table.path("fields")) {
                String type = field.path("type").asText();
                if (!type.equals("singleSelect") && !type.equals("multipleSelects")) {
                    continue;
                }
                JsonNode schemaField = named(schemaTable.path("fields"), field.path("airtable").asText());
                List<String> allowed = new ArrayList<>();
                schemaField.path("options").path("choices").forEach(c -> allowed.add(c.path("name").asText()));
                String source = field.path("source").asText();
                for (Document document : documents) {
                    Object value = document.get(source);
                    List<?> values = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
                    for (Object v : values) {
                        assertTrue(allowed.contains(v), collection + "." + source + " = '" + v + "' is not a choice of "
                                + table.path("airtableTable").asText() + "." + field.path("airtable").asText() + " "
                                + allowed);
                    }
                }
                checkedFields++;
            }
        }
        assertTrue(checkedFields >= 10, "checked " + checkedFields + " select fields");
    }

    private static JsonNode named(JsonNode items, String name) {
        for (JsonNode item : items) {
            if (name.equals(item.path("name").asText()) || name.equals(item.path("id").asText())) {
                return item;
            }
        }
        throw new AssertionError("'" + name + "' not found");
    }
}
