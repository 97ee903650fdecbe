package io.airsync.state;

import java.time.Duration;
import java.util.Optional;

/**
 * The single-flight lock: one run at a time, held by a short lease that its holder renews (a heartbeat) while it
 * lives, so the lock of a crashed run frees within one lease.
 */
public interface RunLockStore {

    /**
     * Takes the lock if free or expired, or renews it if {@code owner} already holds it; empty if another live holder
     * has it. The lock stays held through its expiry second ({@link RunLock#expiresAt()}, whole seconds).
     */
    Optional<RunLock> tryLock(String owner, Duration lease);

    /**
     * Extends the lease of a lock {@code lock.owner()} still holds (even past its expiry, if nobody took it over),
     * recording {@code lock.runId()}; empty when the lock is gone or another owner holds it: the run has lost it and
     * must stop writing.
     */
    Optional<RunLock> renew(RunLock lock, Duration lease);

    /** Who holds the lock now (its lease may have run out), or empty when it is free. */
    Optional<RunLock> holder();

    /** Releases the lock if {@code lock.owner()} still holds it. */
    void release(RunLock lock);
}
