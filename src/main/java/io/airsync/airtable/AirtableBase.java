package io.airsync.airtable;

/** One Airtable base, from {@link AirtableClient#base}: tables, schema, and the requests sent to it. */
public interface AirtableBase {
    String id();

    AirtableTable table(String nameOrId);

    /** GET /v0/meta/bases/{baseId}/tables */
    BaseSchema schema();

    /** Requests sent to this base so far (thread-safe counters). */
    AirtableRequestStats stats();
}
