package io.airsync.airtable;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Airtable record as the API returns it; empty cells are absent from {@code fields}, as Airtable does
 * (a record without cells has an empty map, never null).
 */
@RegisterForReflection
public record AirtableRecord(String id, String createdTime, Map<String, Object> fields) {
    public AirtableRecord {
        // Not Map.copyOf: a null value is meaningful in an update (it clears the cell).
        fields = fields == null ? new LinkedHashMap<>() : fields;
    }
}
