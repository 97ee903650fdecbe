package io.airsync.state;

import java.time.Duration;
import java.util.Optional;

/** The single-flight lock: one run at a time, held by a lease. */
public interface RunLockStore {

    /**
     * Takes the lock if free or expired, or renews it if {@code owner} already holds it; empty if another live holder
     * has it. The lock stays held through its expiry second ({@link RunLock#expiresAt()}, whole seconds).
     */
    Optional<RunLock> tryLock(String owner, Duration lease);

    /** Releases the lock if {@code lock.owner()} still holds it. */
    void release(RunLock lock);
}
