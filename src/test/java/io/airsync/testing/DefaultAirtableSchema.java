package io.airsync.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airsync.airtable.BaseSchema;
import io.airsync.airtable.BaseSchema.FieldSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Airtable base that matches the default mapping, from {@code infra/airtable/schema.json} (metadata API
 * format). Demo data and tests take select values from here: with typecast off, a value that is not one of a
 * field's choices is refused by Airtable.
 */
public final class DefaultAirtableSchema {

    public static final Path FILE = Path.of(System.getProperty("user.dir"), "infra", "airtable", "schema.json");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private DefaultAirtableSchema() {
    }

    public static BaseSchema load() {
        try {
            return JSON.readValue(FILE.toFile(), BaseSchema.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    /** The choice names of a singleSelect or multipleSelects field, in their Airtable order. */
    @SuppressWarnings("unchecked")
    public static List<String> choices(String table, String field) {
        FieldSchema f = load().table(table).orElseThrow(() -> new IllegalArgumentException("no table " + table))
                .field(field).orElseThrow(() -> new IllegalArgumentException("no field " + table + "." + field));
        List<Map<String, Object>> choices = (List<Map<String, Object>>) f.options().get("choices");
        if (choices == null) {
            throw new IllegalArgumentException(table + "." + field + " is " + f.type() + ", not a select");
        }
        return choices.stream().map(c -> (String) c.get("name")).toList();
    }
}
