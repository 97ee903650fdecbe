package io.airsync.plan;

import java.util.Map;

/** What the planner decided for one source record. */
public sealed interface Decision {

    String mongoId();

    /** No Airtable record is known: create it (by upsert on the key field, so a retry cannot duplicate). */
    record Create(String mongoId, Map<String, Object> fields) implements Decision {
    }

    /**
     * A known record whose values differ: PATCH only the changed fields. {@code adopted} is true when the record was
     * matched by natural key (a row created by hand) and gets its key field now.
     */
    record Update(String mongoId, String recordId, Map<String, Object> fields, boolean adopted) implements Decision {
    }

    /** Airtable already holds these values: nothing is sent. */
    record Unchanged(String mongoId, String recordId) implements Decision {
    }

    /** The record cannot be synced; {@code reason} says why. */
    record Fail(String mongoId, SourceRecord.Problem reason) implements Decision {
    }
}
