package io.airsync.airtable;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One table. Lists of any length are cut into requests of AirtableLimits.MAX_RECORDS_PER_WRITE. Input is checked
 * before any request: a bad argument is an IllegalArgumentException naming the table, the record and the field.
 * Airtable's refusals are typed {@link AirtableException}s naming the request.
 */
public interface AirtableTable {
    String name();

    /**
     * Streams every page (follows offset; POST listRecords past 16,000 URL characters; restarts on
     * LIST_RECORDS_ITERATOR_NOT_AVAILABLE, and then passes on only records not passed on before, so each record ID
     * reaches the consumer at most once). Empty pages are not passed on.
     */
    void forEachPage(ListOptions options, Consumer<List<AirtableRecord>> page);

    List<AirtableRecord> listAll(ListOptions options);

    /**
     * One page of a listing, for a caller that keeps its place itself (a read-back that resumes across invocations):
     * {@code offset} null for the first page, else the offset of the page before. Airtable forgets offsets after a
     * few minutes: then this throws an {@link AirtableValidationException} for which
     * {@link AirtableErrors#iteratorExpired} is true, and the listing must start again from the first page.
     */
    Page page(ListOptions options, String offset);

    /** One page of records and the offset of the next (null or empty: this was the last). */
    record Page(List<AirtableRecord> records, String offset) {
        public Page {
            records = records == null ? List.of() : List.copyOf(records);
        }

        public boolean last() {
            return offset == null || offset.isEmpty();
        }
    }

    AirtableRecord get(String recordId);

    /**
     * POST in batches. Like every request it is retried after 5xx, resets and timeouts, so a batch Airtable applied
     * but whose answer was lost is created twice: for idempotent creation use {@link #upsert} on a key field.
     */
    List<AirtableRecord> create(List<Map<String, Object>> fields, WriteOptions options);

    /** PATCH (or PUT when options.replace()) of records given by id + fields. */
    List<AirtableRecord> update(List<AirtableRecord> records, WriteOptions options);

    /** PATCH with performUpsert: 1..3 merge fields, each record must have a value for each of them. */
    UpsertResult upsert(List<Map<String, Object>> fields, List<String> fieldsToMergeOn, WriteOptions options);

    /** Returns the IDs deleted (duplicates in the input are deleted once). */
    List<String> delete(List<String> recordIds);
}
