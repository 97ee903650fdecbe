package io.airsync.write;

import io.airsync.plan.SourceRecord;

/** Told, from writer threads, what became of every record handed to a {@link TableWriter}. */
public interface WriteListener {

    enum Outcome { CREATED, UPDATED, DELETED }

    /** {@code record} is null for deletes and for updates without a source record (mirror flags). */
    void written(String mongoId, String recordId, Outcome outcome, SourceRecord record);

    /** The record could not be written; Airtable's error type and message (or Airsync's). */
    void failed(String mongoId, String field, String errorType, String message);

    /**
     * The record was not sent: the run's deadline came first ({@code AirtableDeadlineException}). Nothing of it
     * landed through this request; the run hands it to the next invocation. A listener that cannot defer counts it
     * failed.
     */
    default void deferred(String mongoId) {
        failed(mongoId, null, "DEADLINE", "not sent: the run's time budget was spent before its turn");
    }
}
