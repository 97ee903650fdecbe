package io.airsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.state.FileStateStore;
import io.airsync.state.RunLock;
import io.airsync.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's lease as the engine uses it (fence and heartbeat), on a real store and an injected clock: a run that
 * missed its heartbeats and was taken over stops writing and never gets the lock back; one that beats keeps it.
 * (The store side, DynamoDB and files, is in StateStoreContractTest.)
 */
class RunLeaseTest {

    static final Duration LEASE = Duration.ofMinutes(3);

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-02T17:00:00Z"));
    FileStateStore store;

    @BeforeEach
    void store() {
        store = new FileStateStore(dir, clock);
    }

    @Test
    void aRunThatBeatsKeepsWritingPastManyLeases() {
        RunLease lease = new RunLease(store, store.tryLock("inv-a", LEASE).orElseThrow(), LEASE, clock, null);
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(1));
            lease.heartbeat();
            assertTrue(lease.held(), "held after " + (i + 1) + " minutes");
        }
        lease.renewAndCheck();
        assertTrue(store.tryLock("inv-b", LEASE).isEmpty());
    }

    @Test
    void aRunWhoseHeartbeatStalledIsFencedOutOnceTakenOver() {
        RunLease a = new RunLease(store, store.tryLock("inv-a", LEASE).orElseThrow(), LEASE, clock, null);
        a.workingOn("run-a");
        clock.advance(Duration.ofMinutes(2));
        assertTrue(a.held());

        // No heartbeat (a stalled process): past the lease's end A may no longer write, even before anyone took over.
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertFalse(a.held(), "the lease ran out: no more writes");
        RunLease.LeaseLost ranOut = assertThrows(RunLease.LeaseLost.class, a::check);
        assertTrue(ranOut.getMessage().contains("its lease ran out"), ranOut.getMessage());

        RunLock b = store.tryLock("inv-b", LEASE).orElseThrow(() -> new AssertionError("not taken over"));
        assertEquals("inv-b", store.holder().orElseThrow().runId(), "the lock names the new holder's run");

        // A's heartbeat comes back: refused, A is fenced for good, and closing A leaves B's lock alone.
        a.heartbeat();
        assertFalse(a.held());
        RunLease.LeaseLost lost = assertThrows(RunLease.LeaseLost.class, a::renewAndCheck);
        assertTrue(lost.getMessage().contains("another run took it over"), lost.getMessage());
        clock.advance(Duration.ofSeconds(1));
        a.heartbeat();
        assertFalse(a.held(), "a lost lease is never regained");
        a.close();
        assertEquals(b.owner(), store.holder().orElseThrow().owner());
    }

    @Test
    void aRunThatLostItsLeaseButWasNotTakenOverMustStillNotRegainIt() {
        RunLease a = new RunLease(store, store.tryLock("inv-a", LEASE).orElseThrow(), LEASE, clock, null);
        assertTrue(store.tryLock("inv-b", LEASE).isEmpty());
        clock.advance(LEASE.plusSeconds(1));
        store.release(store.tryLock("inv-b", LEASE).orElseThrow());
        a.heartbeat();
        assertFalse(a.held(), "the lock was taken and released by another run meanwhile: A must not write again");
    }
}
