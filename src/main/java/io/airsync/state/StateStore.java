package io.airsync.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Durable run state: record IDs and hashes per table, the checkpoint of a continued run, and the single-flight lock.
 * DynamoDB in Lambda, local files for the local run; both behave the same.
 */
public interface StateStore {

    /** A cheap read that fails fast (StateStoreException) when the store is unreachable. */
    void verifyAccess();

    /** Everything known of a table, aligned to {@code currentFields}; {@link TableState#exists()} false if never saved. */
    TableState loadTable(String table, List<String> currentFields);

    /** Replaces the table's state atomically (a crash mid-save leaves the previous version readable). */
    void saveTable(String table, TableState state);

    Optional<RunCheckpoint> loadCheckpoint();

    void saveCheckpoint(RunCheckpoint checkpoint);

    void clearCheckpoint();

    /**
     * Takes the lock if free or expired, or renews it if {@code owner} already holds it; empty if another live holder
     * has it. The lock stays held through its expiry second ({@link RunLock#expiresAt()}, whole seconds).
     */
    Optional<RunLock> tryLock(String owner, Duration lease);

    /** Releases the lock if {@code lock.owner()} still holds it. */
    void release(RunLock lock);

    /** Where the state lives, for the report (a table name or a folder), never credentials. */
    String describe();
}
