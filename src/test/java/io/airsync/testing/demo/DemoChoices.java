package io.airsync.testing.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixed value lists of the demo data's select-type fields, keyed {@code collection.field}
 * ({@code users.role}, {@code events.cuisine}, ...). Values are written to MongoDB exactly as listed, so an
 * Airtable select with these choices takes every generated value.
 *
 * <p>Order matters for the derived fields (engagement_status, journey_stage, value_segment, churn_risk): the
 * generator picks the n-th choice for the n-th bucket (least engaged / lowest value last or first as listed).
 */
public record DemoChoices(Map<String, List<String>> lists, String origin) {

    /** Every key the generator asks for. */
    public static final Set<String> KEYS = Set.of(
            "users.role", "users.gender", "users.occupation", "users.interests", "users.tableTypePreference",
            "users.engagement_status", "users.journey_stage", "users.value_segment", "users.user_segment",
            "users.churn_risk",
            "events.eventType", "events.cuisine", "events.tableType",
            "events.participant_top_interests", "events.participant_top_occupations",
            "messages.status", "messages.campaign");

    public DemoChoices {
        lists = Map.copyOf(lists);
        for (String key : KEYS) {
            List<String> values = lists.get(key);
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("demo choices from " + origin + " have no values for " + key);
            }
        }
    }

    public List<String> of(String key) {
        List<String> values = lists.get(key);
        if (values == null) {
            throw new IllegalArgumentException("no demo choices for " + key + " (known: " + lists.keySet() + ")");
        }
        return values;
    }

    /** Relative to the project directory. */
    public static final Path SCHEMA = Path.of("infra", "airtable", "schema.json");
    public static final Path MAPPING = Path.of("src", "main", "resources", "mapping", "default-mapping.yaml");

    /** {@link #forProject(Path)} of the working directory (Maven runs tests in the project directory). */
    public static DemoChoices forProject() {
        return forProject(Path.of(System.getProperty("user.dir")));
    }

    /**
     * The choices of the project's Airtable schema ({@code infra/airtable/schema.json}), found for each
     * {@code collection.field} through the default mapping (which Airtable field the source field feeds);
     * built-in lists for keys the schema does not cover, and for all keys when the schema is absent.
     */
    public static DemoChoices forProject(Path projectDir) {
        Path schema = projectDir.resolve(SCHEMA);
        Path mapping = projectDir.resolve(MAPPING);
        if (!Files.isRegularFile(schema) || !Files.isRegularFile(mapping)) {
            return builtIn();
        }
        return fromSchema(schema, mapping);
    }

    /** Built-in lists overlaid with every select whose choices the schema gives for a mapped source field. */
    public static DemoChoices fromSchema(Path schemaFile, Path mappingFile) {
        JsonNode schema = read(new ObjectMapper(), schemaFile);
        JsonNode mapping = read(new ObjectMapper(new YAMLFactory()), mappingFile);
        Map<String, List<String>> lists = new LinkedHashMap<>(builtIn().lists());
        for (JsonNode table : mapping.path("tables")) {
            String collection = table.path("source").path("collection").asText(null);
            String airtableTable = table.path("airtableTable").asText(table.path("name").asText(null));
            JsonNode schemaTable = find(schema.path("tables"), airtableTable);
            if (collection == null || schemaTable == null) {
                continue;
            }
            for (JsonNode field : table.path("fields")) {
                String source = field.path("source").asText(null);
                JsonNode schemaField = find(schemaTable.path("fields"), field.path("airtable").asText(null));
                if (source == null || schemaField == null) {
                    continue;
                }
                List<String> values = new ArrayList<>();
                for (JsonNode choice : schemaField.path("options").path("choices")) {
                    values.add(choice.isTextual() ? choice.asText() : choice.path("name").asText());
                }
                String key = collection + "." + source;
                if (!values.isEmpty() && KEYS.contains(key)) {
                    lists.put(key, List.copyOf(values));
                }
            }
        }
        // Shared lists follow their owner when the schema has no field of their own.
        lists.putIfAbsent("events.participant_top_interests", lists.get("users.interests"));
        return new DemoChoices(lists, schemaFile + " via " + mappingFile);
    }

    private static JsonNode find(JsonNode items, String nameOrId) {
        for (JsonNode item : items) {
            if (nameOrId != null && (nameOrId.equals(item.path("name").asText()) || nameOrId.equals(item.path("id").asText()))) {
                return item;
            }
        }
        return null;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The generator's own lists, used until (and where) the Airtable schema gives none. */
    public static DemoChoices builtIn() {
        List<String> interests = List.of("Wine", "Cooking", "Hiking", "Live Music", "Board Games", "Photography",
                "Travel", "Startups", "Art", "Books", "Yoga", "Film", "Coffee", "Running", "Languages", "Gardening");
        List<String> occupations = List.of("Software Engineer", "Designer", "Nurse", "Teacher", "Chef", "Lawyer",
                "Product Manager", "Student", "Architect", "Data Scientist", "Photographer", "Entrepreneur", "Doctor",
                "Journalist", "Consultant", "Retired");
        List<String> tableTypes = List.of("Communal Table", "Small Group", "Chef's Counter", "Private Room");
        Map<String, List<String>> lists = new LinkedHashMap<>();
        lists.put("users.role", List.of("Guest", "Host", "Ambassador", "Admin"));
        lists.put("users.gender", List.of("Female", "Male", "Non-binary", "Prefer not to say"));
        lists.put("users.occupation", occupations);
        lists.put("users.interests", interests);
        lists.put("users.tableTypePreference", tableTypes);
        // Ordered from most to least engaged: the generator buckets users by days inactive.
        lists.put("users.engagement_status", List.of("Active", "Cooling", "Dormant", "Churned"));
        // Ordered along the journey: bucketed by events attended.
        lists.put("users.journey_stage", List.of("Signed Up", "First Event", "Regular", "Champion"));
        // Ordered by total spent, low to high.
        lists.put("users.value_segment", List.of("Low", "Medium", "High", "VIP"));
        lists.put("users.user_segment", List.of("Foodie Explorer", "Social Connector", "Newcomer", "Business Diner",
                "Occasional Guest"));
        // Ordered by days inactive, low risk first.
        lists.put("users.churn_risk", List.of("Low", "Medium", "High"));
        lists.put("events.eventType", List.of("Supper Club", "Cooking Class", "Wine Tasting", "Brunch",
                "Pop-up Dinner", "Meetup Dinner"));
        lists.put("events.cuisine", List.of("Italian", "Japanese", "Mexican", "Lebanese", "Ethiopian", "Korean",
                "Indian", "French", "Peruvian", "Vegan", "Thai", "Georgian"));
        lists.put("events.tableType", tableTypes);
        lists.put("events.participant_top_interests", interests);
        lists.put("events.participant_top_occupations", occupations);
        lists.put("messages.status", List.of("Draft", "Approved", "Sent", "Replied", "Bounced"));
        lists.put("messages.campaign", List.of("Welcome Series", "Seat Newcomers", "Fill the Table", "Win-back",
                "Spring Supper Series"));
        return new DemoChoices(lists, "built-in lists");
    }
}
