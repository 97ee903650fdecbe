package io.airsync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.airsync.fieldtype.FieldTypes;
import io.airsync.fieldtype.MappingOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The mapping format's JSON Schema ({@code mapping/mapping.schema.json}): the mappings we ship validate against it, it
 * says what the Java validation says (types, enums, which keys go with which types), and the README's reference table
 * is generated from it. No Quarkus: plain files.
 */
class MappingSchemaTest {

    static final String SCHEMA_RESOURCE = "/mapping/mapping.schema.json";
    static final Path README = Path.of("README.md");
    static final String BEGIN = "<!-- mapping-reference:begin (generated from src/main/resources/mapping/mapping.schema.json"
            + " by MappingSchemaTest; edit the schema, not this table) -->";
    static final String END = "<!-- mapping-reference:end -->";

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDefaultMappingAndEveryMappingInTheTestResourcesValidate() throws IOException {
        List<String> checked = new ArrayList<>();
        assertValid("classpath:" + MappingLoader.DEFAULT_LOCATION.replaceFirst("^classpath:", ""),
                resourceText("/" + MappingLoader.DEFAULT_LOCATION.replaceFirst("^classpath:", "")));
        checked.add(MappingLoader.DEFAULT_LOCATION);
        Path testResources = Path.of("src/test/resources");
        if (Files.isDirectory(testResources)) {
            try (Stream<Path> files = Files.walk(testResources)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                        .filter(f -> f.toString().contains("mapping")).toList()) {
                    assertValid(p.toString(), Files.readString(p));
                    checked.add(p.toString());
                }
            }
        }
        assertFalse(checked.isEmpty());
    }

    @Test
    void theSchemaRefusesWhatTheLoaderRefuses() {
        String base = """
                tables:
                  - name: Users
                    source: { collection: users }
                    keyField: Mongo ID
                    fields:
                      - %s
                """;
        List<String> refused = List.of(
                "{ airtable: Email, source: email, type: email, precision: 2 }",
                "{ airtable: Email, source: email, type: emial }",
                "{ airtable: Role, source: role, type: singleSelect, options: maybe }",
                "{ airtable: Age, source: age, type: number, options: create }",
                "{ airtable: Score, source: score, type: number, percentScale: hundred }",
                "{ airtable: Tags, source: tags, type: multipleSelects, separator: ' | ' }",
                "{ airtable: Manager, source: manager, type: multipleRecordLinks }",
                "{ airtable: Email, source: email, type: email, sorce: x }");
        for (String field : refused) {
            String yaml = base.formatted(field);
            assertFalse(validate(yaml).isEmpty(), "the schema accepts " + field);
            assertThrows(MappingException.class, () -> new MappingLoader().parse("inline.yaml", yaml),
                    "the loader accepts " + field);
        }
        String good = base.formatted("{ airtable: Role, source: role, type: singleSelect, options: reject }");
        assertEquals(Set.of(), validate(good));
        new MappingLoader().parse("inline.yaml", good);
    }

    @Test
    void theSchemaSaysWhatTheJavaValidationSays() throws IOException {
        JsonNode schema = JSON.readTree(resourceText(SCHEMA_RESOURCE));
        JsonNode field = schema.at("/$defs/field");
        assertEquals(Arrays.stream(FieldType.values()).map(FieldType::airtableName).toList(),
                strings(field.at("/properties/type/enum")));
        assertEquals(enumNames(NullPolicy.class), strings(field.at("/properties/onNull/enum")));
        assertEquals(enumNames(NewSelectOptions.class), strings(field.at("/properties/options/enum")));
        assertEquals(FieldMapping.DEFAULT_OPTIONS.name(), field.at("/properties/options/default").asText());
        assertEquals(FieldMapping.DEFAULT_SEPARATOR, field.at("/properties/separator/default").asText());
        assertEquals(List.of(FieldMapping.PERCENT_FRACTION, FieldMapping.PERCENT_HUNDRED),
                strings(field.at("/properties/percentScale/enum")));
        assertEquals(MappingReader.MAX_PRECISION, field.at("/properties/precision/maximum").asInt());
        assertEquals(enumNames(MirrorMode.class), strings(schema.at("/$defs/mirror/properties/mode/enum")));
        assertEquals(enumNames(KeyNormalization.class), strings(schema.at("/$defs/naturalKey/properties/normalize/enum")));

        // Which keys go with which types: the same lists as the field type classes'.
        Set<MappingOption> covered = new HashSet<>();
        for (JsonNode rule : field.get("allOf")) {
            Iterator<String> keys = rule.at("/then/properties").fieldNames();
            String key = keys.next();
            MappingOption option = Arrays.stream(MappingOption.values()).filter(o -> o.key().equals(key)).findFirst()
                    .orElseThrow(() -> new AssertionError("no mapping option " + key));
            List<String> allowed = strings(rule.at("/if/properties/type/not/enum"));
            List<String> expected = FieldTypes.writable().stream().filter(t -> t.mappingOptions().contains(option))
                    .map(t -> t.airtableName()).toList();
            assertEquals(expected, allowed, "types taking " + key);
            covered.add(option);
        }
        assertEquals(Set.of(MappingOption.values()), covered, "every per-type key has its rule in the schema");
    }

    @Test
    void theReadmeReferenceTableIsTheOneTheSchemaGenerates() throws IOException {
        String fresh = referenceTable(JSON.readTree(resourceText(SCHEMA_RESOURCE)));
        String readme = Files.readString(README);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            fail("README.md lacks the generated mapping reference; put this between the markers\n" + BEGIN + "\n"
                    + fresh + END);
        }
        String current = readme.substring(begin + BEGIN.length() + 1, end);
        assertEquals(fresh, current, "README.md's mapping reference differs from the schema's; replace it with:\n"
                + fresh);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The reference table: one row per key, in schema order, nested keys by path. */
    static String referenceTable(JsonNode schema) {
        StringBuilder md = new StringBuilder("| Key | Value | Required | Default | Meaning |\n|---|---|---|---|---|\n");
        rows(md, schema, schema, "");
        return md.toString();
    }

    private static void rows(StringBuilder md, JsonNode root, JsonNode object, String prefix) {
        Set<String> required = new HashSet<>(strings(object.path("required")));
        for (Iterator<Map.Entry<String, JsonNode>> it = object.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            JsonNode p = resolve(root, e.getValue());
            JsonNode items = p.has("items") ? resolve(root, p.get("items")) : null;
            String description = p.path("description").asText("");
            md.append("| `").append(path).append("` | ").append(value(p, items)).append(" | ")
                    .append(required.contains(e.getKey()) ? "yes" : "").append(" | ")
                    .append(p.has("default") ? "`" + shown(p.get("default").asText()) + "`" : "").append(" | ")
                    .append(description.replace("|", "\\|")).append(" |\n");
            if ("object".equals(p.path("type").asText()) && p.has("properties")) {
                rows(md, root, p, path + ".");
            } else if (items != null && items.has("properties")) {
                rows(md, root, items, path + "[].");
            }
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        return node.has("$ref") ? root.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static String value(JsonNode p, JsonNode items) {
        if (p.has("enum")) {
            return strings(p.get("enum")).stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "));
        }
        String type = p.path("type").asText();
        return switch (type) {
            case "string" -> "text";
            case "integer" -> "whole number" + (p.has("minimum") && p.has("maximum")
                    ? " " + p.get("minimum").asInt() + "-" + p.get("maximum").asInt() : "");
            case "object" -> "map";
            case "array" -> items != null && items.has("properties") ? "list of maps" : "list";
            default -> type;
        };
    }

    private static String shown(String v) {
        return v.isEmpty() || !v.strip().equals(v) || v.matches("\\p{Punct}+") ? "\"" + v + "\"" : v;
    }

    private static Set<ValidationMessage> validate(String yaml) {
        try (InputStream in = MappingSchemaTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            return schema.validate(tree(yaml));
        } catch (IOException | YamlTree.SyntaxError e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The YAML as Airsync reads it (YAML 1.2 scalars, as editors' YAML language server does: {@code mode: off} is the
     * text "off", where a YAML 1.1 reader would make it false).
     */
    private static JsonNode tree(String yaml) throws YamlTree.SyntaxError {
        return JSON.valueToTree(yaml12(YamlTree.parse(yaml)));
    }

    /** YAML 1.2 core schema: only true/false are booleans; yes, no, on, off stay text (Airsync reads enums as text). */
    private static Object yaml12(YamlTree.Node node) {
        if (node instanceof YamlTree.MapNode m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.entries().forEach((k, e) -> out.put(k, yaml12(e.value())));
            return out;
        }
        if (node instanceof YamlTree.ListNode l) {
            return l.items().stream().map(MappingSchemaTest::yaml12).toList();
        }
        YamlTree.Scalar s = (YamlTree.Scalar) node;
        return s.value() instanceof Boolean && !s.raw().equals("true") && !s.raw().equals("false") ? s.raw() : s.value();
    }

    private static void assertValid(String name, String yaml) {
        Set<ValidationMessage> problems = validate(yaml);
        assertTrue(problems.isEmpty(), name + " does not validate against " + SCHEMA_RESOURCE + ": " + problems);
    }

    private static String resourceText(String resource) throws IOException {
        try (InputStream in = MappingSchemaTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static <E extends Enum<E>> List<String> enumNames(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }
}
