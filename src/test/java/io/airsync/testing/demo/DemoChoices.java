package io.airsync.testing.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixed value lists of the demo data's select-type fields, keyed {@code collection.field}
 * ({@code users.role}, {@code events.cuisine}, ...). Values are written to MongoDB exactly as listed, so an
 * Airtable select with these choices takes every generated value.
 *
 * <p>Derived fields (engagement_status, journey_stage, value_segment, user_segment, churn_risk) are computed as a
 * label of the generator's own vocabulary ({@code at_risk}, {@code vip}, ...) and written as the choice of the
 * same name (compared ignoring case, spaces, dashes and underscores); a list without it gets the choice at the
 * label's relative position, so any list works, the values always come from it.
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

    /**
     * The choice of {@code key} named like {@code label} (ignoring case, spaces, dashes and underscores); when the
     * list has none, the choice at the label's relative position in {@code vocabulary}.
     */
    public String resolve(String key, List<String> vocabulary, String label) {
        List<String> values = of(key);
        for (String value : values) {
            if (comparable(value).equals(comparable(label))) {
                return value;
            }
        }
        int at = vocabulary.indexOf(label);
        if (at < 0) {
            throw new IllegalArgumentException("label '" + label + "' is not in the vocabulary " + vocabulary);
        }
        int position = vocabulary.size() == 1 ? 0
                : (int) Math.round((double) at * (values.size() - 1) / (vocabulary.size() - 1));
        return values.get(position);
    }

    private static String comparable(String value) {
        return value.replaceAll("[\\s_-]", "").toLowerCase(java.util.Locale.ROOT);
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
        Set<String> fromSchema = new HashSet<>();
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
                    fromSchema.add(key);
                }
            }
        }
        // Users' occupation is free text in Airtable: draw it from the same list as the events' top occupations.
        if (!fromSchema.contains("users.occupation")) {
            lists.put("users.occupation", lists.get("events.participant_top_occupations"));
        }
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

    /**
     * The generator's own lists: a copy of the choices in {@code infra/airtable/schema.json} (as of this writing),
     * used when that file is absent. When it is present, {@link #forProject()} reads it instead.
     */
    public static DemoChoices builtIn() {
        List<String> interests = List.of("Cooking", "Wine", "Travel", "Music", "Art", "Books", "Sports",
                "Technology", "Photography", "Hiking", "Film", "Gardening", "Languages", "Board Games", "Yoga");
        List<String> occupations = List.of("Engineer", "Designer", "Teacher", "Doctor", "Nurse", "Lawyer",
                "Student", "Chef", "Entrepreneur", "Marketing Manager", "Sales Representative", "Artist", "Writer",
                "Consultant", "Researcher", "Accountant", "Architect", "Retired");
        Map<String, List<String>> lists = new LinkedHashMap<>();
        lists.put("users.role", List.of("user", "host", "admin"));
        lists.put("users.gender", List.of("female", "male", "non_binary", "undisclosed"));
        lists.put("users.occupation", occupations);
        lists.put("users.interests", interests);
        lists.put("users.tableTypePreference", List.of("Communal", "Small Group", "Private", "Chef's Table",
                "No Preference"));
        lists.put("users.engagement_status", List.of("new", "active", "at_risk", "dormant", "churned"));
        lists.put("users.journey_stage", List.of("signed_up", "onboarded", "first_event", "repeat_attendee",
                "loyal", "lapsed"));
        lists.put("users.value_segment", List.of("low", "medium", "high", "vip"));
        lists.put("users.user_segment", List.of("newcomer", "casual", "regular", "enthusiast", "champion"));
        lists.put("users.churn_risk", List.of("low", "medium", "high"));
        lists.put("events.eventType", List.of("Dinner", "Brunch", "Lunch", "Cooking Class", "Wine Tasting",
                "Supper Club"));
        lists.put("events.cuisine", List.of("Italian", "French", "Japanese", "Mexican", "Indian", "Lebanese",
                "Thai", "Spanish", "Vegan", "Fusion"));
        lists.put("events.tableType", List.of("Communal", "Small Group", "Private", "Chef's Table"));
        lists.put("events.participant_top_interests", interests);
        lists.put("events.participant_top_occupations", occupations);
        lists.put("messages.status", List.of("draft", "pending_review", "approved", "sent", "rejected"));
        lists.put("messages.campaign", List.of("seat_newcomers", "fill_the_table", "win_back", "welcome"));
        return new DemoChoices(lists, "built-in lists");
    }
}
