package io.airsync.airtable;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** One Airtable record as the API returns it; empty cells are absent from {@code fields}, as Airtable does. */
@RegisterForReflection
public record AirtableRecord(String id, String createdTime, Map<String, Object> fields) {
}
