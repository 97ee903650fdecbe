package io.airsync.airtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client's JSON model against real recorded Airtable traffic (/work/shared/fixtures/airtable-recorded):
 * every body of a kind the client reads must parse, lose nothing, and errors must become the right typed exception.
 * Bodies of kinds the client never reads (list of bases, webhooks, enterprise, ...) are named explicitly below, so a
 * new unrecognised fixture fails the test instead of being skipped silently.
 */
class AirtableFixtureParsingTest {
    private static final ObjectMapper JSON = AirtableJson.MAPPER;
    private static final Pattern TABLE_SCHEMA_PATH = Pattern.compile("^/v0/meta/bases/[^/]+/tables$");
    private static final Pattern RECORD_PATH = Pattern.compile("^/v0/[^/]+/[^/]+/rec[A-Za-z0-9]+$");
    /** pyairtable sample data of APIs the client does not use. */
    private static final Set<String> PYAIRTABLE_NOT_CLAIMED = Set.of("AuditLogResponse.json", "BaseCollaborators.json",
            "BaseShares.json", "Bases.json", "Comment.json", "EnterpriseInfo.json", "Package.json",
            "PersonalAccessToken.json", "UserGroup.json", "UserInfo.json", "UserRemoved.json", "ViewSchema.json",
            "Webhook.json", "WebhookNotification.json", "WebhookPayload.TableChanged.json", "WebhookPayload.json",
            "WorkspaceCollaborators.json");

    private static Path fixtures;
    private final Map<String, Integer> parsed = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> valueShapes = new TreeMap<>();

    @BeforeAll
    static void findFixtures() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        List<Path> candidates = List.of(dir.resolve("../shared/fixtures/airtable-recorded"),
                dir.resolve("../../shared/fixtures/airtable-recorded"), Path.of("/work/shared/fixtures/airtable-recorded"));
        fixtures = candidates.stream().filter(Files::isDirectory).findFirst().map(Path::normalize)
                .orElseThrow(() -> new AssertionError("Recorded Airtable fixtures not found; looked in " + candidates));
    }

    @Test
    void airtableJavaWireMockRecordings() throws IOException {
        Path root = fixtures.resolve("airtable-java/src/test/resources");
        try (Stream<Path> mappings = Files.list(root.resolve("mappings"))) {
            for (Path mapping : mappings.sorted().toList()) {
                JsonNode m = JSON.readTree(mapping.toFile());
                int status = m.path("response").path("status").asInt();
                String method = m.path("request").path("method").asText();
                String bodyFile = m.path("response").path("bodyFileName").asText();
                String body = Files.readString(root.resolve("__files").resolve(bodyFile));
                check(mapping.getFileName().toString(), () -> {
                    if (status >= 400) {
                        error(status, body);
                        return;
                    }
                    JsonNode tree = JSON.readTree(body);
                    if (tree.has("records") && method.equals("GET")) {
                        listPage(body);
                    } else if (tree.has("deleted")) {
                        AirtableWire.Deleted d = JSON.readValue(body, AirtableWire.Deleted.class);
                        assertTrue(d.deleted() && d.id().startsWith("rec"));
                        count("deleted record");
                    } else if (tree.has("id") && tree.has("fields")) {
                        record(JSON.readValue(body, AirtableRecord.class), tree);
                        count("single record");
                    } else {
                        fail("unrecognised body: " + body.substring(0, Math.min(200, body.length())));
                    }
                });
            }
        }
        report("airtable-java");
        assertTrue(parsed.getOrDefault("list page with offset", 0) >= 2, "list pages with offset: " + parsed);
        assertTrue(parsed.getOrDefault("error AirtableNotFoundException", 0) >= 1, "404 errors: " + parsed);
        assertTrue(parsed.getOrDefault("error AirtableValidationException", 0) >= 1, "422 errors: " + parsed);
        assertTrue(parsed.getOrDefault("single record", 0) >= 5, "records: " + parsed);
    }

    @Test
    void grouparooNockRecordings() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fixtures.resolve("grouparoo"))) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            JsonNode entries = JSON.readTree(file.toFile());
            for (int i = 0; i < entries.size(); i++) {
                JsonNode e = entries.get(i);
                int status = e.path("status").asInt();
                String method = e.path("method").asText();
                String path = e.path("path").asText().replaceAll("\\?.*$", "").replaceAll("/$", "");
                String body = JSON.writeValueAsString(e.get("responseBody"));
                check(fixtures.relativize(file) + "#" + i + " " + method + " " + path, () -> {
                    if (status >= 400) {
                        error(status, body);
                    } else if (path.equals("/v0/meta/bases")) {
                        count("not claimed: list of bases");
                    } else if (TABLE_SCHEMA_PATH.matcher(path).matches()) {
                        schema(body);
                    } else if (method.equals("DELETE")) {
                        AirtableWire.DeleteAnswer d = JSON.readValue(body, AirtableWire.DeleteAnswer.class);
                        assertFalse(d.records().isEmpty());
                        d.records().forEach(r -> assertTrue(r.deleted() && r.id().startsWith("rec")));
                        count("delete answer");
                    } else if (method.equals("POST") || method.equals("PATCH")) {
                        AirtableWire.UpsertAnswer a = JSON.readValue(body, AirtableWire.UpsertAnswer.class);
                        JsonNode tree = JSON.readTree(body);
                        assertEquals(tree.get("records").size(), a.records().size());
                        for (int r = 0; r < a.records().size(); r++) {
                            record(a.records().get(r), tree.get("records").get(r));
                        }
                        count("write answer");
                    } else if (RECORD_PATH.matcher(path).matches()) {
                        record(JSON.readValue(body, AirtableRecord.class), JSON.readTree(body));
                        count("single record");
                    } else {
                        listPage(body);
                    }
                });
            }
        }
        report("grouparoo");
        assertTrue(parsed.getOrDefault("schema", 0) >= 1, "schemas: " + parsed);
        assertTrue(parsed.getOrDefault("error AirtableAuthException", 0) >= 1, "401 errors: " + parsed);
        assertTrue(parsed.getOrDefault("write answer", 0) >= 10, "write answers: " + parsed);
        assertTrue(parsed.getOrDefault("delete answer", 0) >= 1, "delete answers: " + parsed);
        // Records of many field types: text, numbers, booleans, lists (links, selects, attachments), objects (button, barcode).
        for (String shape : List.of("String", "Integer", "Double", "Boolean", "List<String>", "List<Map>", "Map")) {
            assertTrue(valueShapes.containsKey(shape), "no cell value of shape " + shape + " seen: " + valueShapes);
        }
    }

    @Test
    void pyairtableSchemaSamples() throws IOException {
        Path root = fixtures.resolve("pyairtable-sample-data");
        try (Stream<Path> files = Files.list(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = f.getFileName().toString();
                String body = Files.readString(f);
                check(name, () -> {
                    if (name.equals("BaseSchema.json")) {
                        schema(body);
                    } else if (name.equals("TableSchema.json")) {
                        tableSchema(JSON.readValue(body, BaseSchema.TableSchema.class), JSON.readTree(body));
                        count("table schema");
                    } else if (PYAIRTABLE_NOT_CLAIMED.contains(name)) {
                        count("not claimed: " + name);
                    } else {
                        fail("new sample kind, claim it or list it as not claimed");
                    }
                });
            }
        }
        try (Stream<Path> files = Files.list(root.resolve("field_schema"))) {
            for (Path f : files.sorted().toList()) {
                String body = Files.readString(f);
                check("field_schema/" + f.getFileName(), () -> {
                    BaseSchema.FieldSchema field = JSON.readValue(body, BaseSchema.FieldSchema.class);
                    field(field, JSON.readTree(body));
                    count("field schema");
                });
            }
        }
        report("pyairtable");
        assertTrue(parsed.getOrDefault("field schema", 0) >= 30, "field schemas: " + parsed);
        assertEquals(1, parsed.getOrDefault("schema", 0));
        assertEquals(1, parsed.getOrDefault("table schema", 0));
    }

    // ------------------------------------------------------------------------------------------------ checks

    private void listPage(String body) throws IOException {
        AirtableWire.ListPage page = JSON.readValue(body, AirtableWire.ListPage.class);
        JsonNode tree = JSON.readTree(body);
        assertEquals(tree.get("records").size(), page.records().size());
        for (int i = 0; i < page.records().size(); i++) {
            record(page.records().get(i), tree.get("records").get(i));
        }
        if (tree.has("offset")) {
            assertEquals(tree.get("offset").asText(), page.offset());
            count("list page with offset");
        } else {
            assertEquals(null, page.offset());
            count("list page");
        }
    }

    /** The record parsed and nothing was lost: its cells serialise back to the very JSON received. */
    private void record(AirtableRecord r, JsonNode original) {
        assertTrue(r.id().startsWith("rec"), r.id());
        assertNotNull(r.createdTime(), "createdTime of " + r.id());
        assertEquals(original.get("fields"), JSON.valueToTree(r.fields()), "cells of " + r.id());
        r.fields().values().forEach(v -> valueShapes.merge(shape(v), 1, Integer::sum));
    }

    private void schema(String body) throws IOException {
        BaseSchema schema = JSON.readValue(body, BaseSchema.class);
        JsonNode tree = JSON.readTree(body);
        assertFalse(schema.tables().isEmpty());
        for (int i = 0; i < schema.tables().size(); i++) {
            tableSchema(schema.tables().get(i), tree.get("tables").get(i));
            assertTrue(schema.table(schema.tables().get(i).name()).isPresent());
        }
        count("schema");
    }

    private void tableSchema(BaseSchema.TableSchema t, JsonNode original) {
        assertTrue(t.id().startsWith("tbl"), t.id());
        assertNotNull(t.name());
        assertFalse(t.fields().isEmpty(), "fields of " + t.name());
        assertTrue(t.field(t.primaryFieldId()).isPresent(), "primary field of " + t.name());
        for (int i = 0; i < t.fields().size(); i++) {
            field(t.fields().get(i), original.get("fields").get(i));
        }
    }

    private void field(BaseSchema.FieldSchema f, JsonNode original) {
        assertTrue(f.id().startsWith("fld"), f.id());
        assertNotNull(f.name());
        assertNotNull(f.type());
        JsonNode options = original.get("options");
        assertEquals(options == null || options.isNull() ? null : options, f.options() == null ? null : JSON.valueToTree(f.options()));
    }

    /** Typed exception with Airtable's type; never a raw-body fallback for these JSON bodies. */
    private void error(int status, String body) {
        AirtableException e = AirtableErrors.fromResponse(status, body);
        Class<? extends AirtableException> expected = switch (status) {
            case 401, 403 -> AirtableAuthException.class;
            case 404 -> AirtableNotFoundException.class;
            case 422 -> AirtableValidationException.class;
            case 429 -> AirtableRateLimitException.class;
            default -> status >= 500 ? AirtableServerException.class : AirtableException.class;
        };
        assertInstanceOf(expected, e);
        assertEquals(status, e.status());
        assertFalse(e.type().startsWith("HTTP_"), "type from body: " + e.type());
        count("error " + e.getClass().getSimpleName());
    }

    private static String shape(Object v) {
        if (v instanceof List<?> l) {
            return l.isEmpty() ? "List" : "List<" + shape(l.get(0)) + ">";
        }
        return v instanceof Map ? "Map" : v.getClass().getSimpleName();
    }

    // ------------------------------------------------------------------------------------------------ bookkeeping

    private interface Check {
        void run() throws Exception;
    }

    private void check(String what, Check check) {
        try {
            check.run();
        } catch (Exception | AssertionError e) {
            failures.add(what + ": " + e);
        }
    }

    private void count(String kind) {
        parsed.merge(kind, 1, Integer::sum);
    }

    private void report(String source) {
        int total = parsed.entrySet().stream().filter(e -> !e.getKey().startsWith("not claimed"))
                .mapToInt(Map.Entry::getValue).sum();
        System.out.println(source + ": parsed " + total + " bodies " + parsed + "; cell shapes " + valueShapes);
        if (!failures.isEmpty()) {
            fail(failures.size() + " recorded bodies did not parse:\n  " + String.join("\n  ", failures));
        }
        assertTrue(total > 0, "nothing parsed from " + source);
    }
}
