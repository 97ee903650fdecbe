package io.airsync.airtable;

/** CONTRACT STUB: one base. */
public interface AirtableBase {
    String id();

    AirtableTable table(String nameOrId);

    /** GET /v0/meta/bases/{baseId}/tables */
    BaseSchema schema();

    /** Requests sent to this base so far (thread-safe counters). */
    AirtableRequestStats stats();
}
