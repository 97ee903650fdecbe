package io.airsync.state;

import java.util.Optional;

/** The one checkpoint of a run that ran out of time, waiting for the next invocation. */
public interface CheckpointStore {

    /** The waiting checkpoint; StateStoreException when it exists but cannot be read. */
    Optional<RunCheckpoint> load();

    /** Replaces the waiting checkpoint. */
    void save(RunCheckpoint checkpoint);

    /** Removes the waiting checkpoint, if any. */
    void clear();
}
