package io.airsync.airtable;

import io.airsync.time.Deadline;

/** One Airtable base, from {@link AirtableClient#base}: tables, schema, and the requests sent to it. */
public interface AirtableBase {
    String id();

    AirtableTable table(String nameOrId);

    /** GET /v0/meta/bases/{baseId}/tables */
    BaseSchema schema();

    /** Requests sent to this base so far (thread-safe counters). */
    AirtableRequestStats stats();

    /**
     * A view of this base (same pacing, stats and token) whose requests respect {@code deadline}: none is sent, and
     * none starts a wait (pacing, 429 penalty, retry back-off), that would end past it; such a request throws
     * {@link AirtableDeadlineException} (never sent, safe to defer).
     */
    AirtableBase within(Deadline deadline);
}
