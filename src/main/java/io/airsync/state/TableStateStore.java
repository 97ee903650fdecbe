package io.airsync.state;

import java.util.List;

/** Record IDs and value hashes per table, the memory that makes a second run a no-op. */
public interface TableStateStore {

    /** A cheap read that fails fast (StateStoreException) when the store is unreachable. */
    void verifyAccess();

    /** Everything known of a table, aligned to {@code currentFields}; {@link TableState#exists()} false if never saved. */
    TableState loadTable(String table, List<String> currentFields);

    /** Replaces the table's state atomically (a crash mid-save leaves the previous version readable). */
    void saveTable(String table, TableState state);

    /** Where the state lives, for the report (a table name or a folder), never credentials. */
    String describe();
}
