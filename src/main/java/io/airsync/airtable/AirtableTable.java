package io.airsync.airtable;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** CONTRACT STUB: one table. Lists of any length are cut into requests of AirtableLimits.MAX_RECORDS_PER_WRITE. */
public interface AirtableTable {
    String name();

    /** Streams every page (follows offset; POST listRecords past 16,000 URL characters; restarts on LIST_RECORDS_ITERATOR_NOT_AVAILABLE). */
    void forEachPage(ListOptions options, Consumer<List<AirtableRecord>> page);

    List<AirtableRecord> listAll(ListOptions options);

    AirtableRecord get(String recordId);

    List<AirtableRecord> create(List<Map<String, Object>> fields, WriteOptions options);

    /** PATCH (or PUT when options.replace()) of records given by id + fields. */
    List<AirtableRecord> update(List<AirtableRecord> records, WriteOptions options);

    UpsertResult upsert(List<Map<String, Object>> fields, List<String> fieldsToMergeOn, WriteOptions options);

    /** Returns the IDs deleted. */
    List<String> delete(List<String> recordIds);
}
