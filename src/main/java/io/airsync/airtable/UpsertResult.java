package io.airsync.airtable;

import java.util.List;

/** An upsert's answer: every record, and which IDs were created and which updated. */
public record UpsertResult(List<AirtableRecord> records, List<String> createdRecords, List<String> updatedRecords) {
}
