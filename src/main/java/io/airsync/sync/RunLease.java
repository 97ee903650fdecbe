package io.airsync.sync;

import io.airsync.state.RunLock;
import io.airsync.state.RunLockStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The run's hold on the single-flight lock: a short lease renewed by a heartbeat (every third of the lease) while the
 * run lives, and the fence every write goes through. The run may write only while it holds a lease that has not
 * expired by the injected clock; once a renewal finds another owner (the lease ran out during a stall and another
 * run took over) the lease is lost for good and the run stops writing: no Airtable batch, no table state, no
 * checkpoint.
 */
final class RunLease implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunLease.class);

    private final RunLockStore locks;
    private final Duration lease;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private volatile RunLock lock;
    private volatile boolean lost;
    private ScheduledFuture<?> heartbeat;

    /** @param scheduler runs the heartbeat; null for none (a test then calls {@link #heartbeat()} itself) */
    RunLease(RunLockStore locks, RunLock lock, Duration lease, Clock clock, ScheduledExecutorService scheduler) {
        this.locks = locks;
        this.lock = lock;
        this.lease = lease;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Starts the heartbeat. */
    RunLease start() {
        if (scheduler != null) {
            long every = Math.max(1, lease.toMillis() / 3);
            heartbeat = scheduler.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Renews the lease; a renewal refused means another run holds the lock now: lost. A store failure is retried next beat. */
    void heartbeat() {
        if (lost) {
            return;
        }
        try {
            Optional<RunLock> renewed = locks.renew(lock, lease);
            if (renewed.isPresent()) {
                lock = renewed.get();
            } else {
                lost = true;
                LOG.errorf("run %s lost the run lock (another run took it over after its lease ran out): it stops "
                        + "writing", lock.runId());
            }
        } catch (RuntimeException e) {
            LOG.warnf("the run lock could not be renewed (retried at the next heartbeat; the lease ends %s): %s",
                    lock.expiresAt(), e.getMessage());
        }
    }

    /** The run now works on {@code runId} (a continued run): the lock says so from the next renewal on. */
    void workingOn(String runId) {
        lock = lock.forRun(runId);
        heartbeat();
    }

    /** True while the run may write: not lost, and the lease not run out by the clock. */
    boolean held() {
        return !lost && clock.instant().isBefore(lock.expiresAt().plusSeconds(1));
    }

    /** Throws {@link LeaseLost} unless the run may write. */
    void check() {
        if (!held()) {
            throw lostError();
        }
    }

    /** What a run that may no longer write answers. */
    LeaseLost lostError() {
        return new LeaseLost("the run lock was lost (" + (lost ? "another run took it over" : "its lease ran out at "
                + lock.expiresAt()) + "): this run stopped writing; what it wrote stays, the next run goes on from "
                + "the last saved state");
    }

    /** Before a state or checkpoint save: renew first (a real round trip), then check. */
    void renewAndCheck() {
        heartbeat();
        check();
    }

    RunLock lock() {
        return lock;
    }

    Instant expiresAt() {
        return lock.expiresAt();
    }

    /** Stops the heartbeat and releases the lock if this run still holds it. */
    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        locks.release(lock);
    }

    /** The run's lease was lost: it must not write any more. Ends the run, not just the table. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(String message) {
            super(message);
        }
    }
}
