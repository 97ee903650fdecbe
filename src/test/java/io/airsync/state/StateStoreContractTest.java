package io.airsync.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.airsync.plan.KnownRecord;
import io.airsync.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateBackend} must do; one subclass per implementation runs it against the real thing (dynalite,
 * a temporary folder).
 */
abstract class StateStoreContractTest {

    protected static final List<String> FIELDS = List.of("Name", "Email", "Phone", "Signed up", "Plan", "Company",
            "Country", "Score");

    protected final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));

    /** The store under test, using {@link #clock}; fresh (empty) for every test. */
    protected abstract StateBackend store();

    /** Writes {@code state} the way a save would, but dies before it becomes current. */
    protected abstract void simulateCrashedSave(String table, TableState state);

    /** Ways stored state goes bad. */
    protected enum Damage {
        /** Cut in half (a disk that filled up, a copy that stopped). */
        TRUNCATED,
        /** One bit of a record's hash changed, the gzip around it rebuilt valid: only the state's own checksum can tell. */
        CHANGED_RECORD,
        /** Bytes that are not gzip at all. */
        GARBAGE,
        /** Valid gzip and checksum position, but a format version this code does not know. */
        UNKNOWN_VERSION
    }

    /** Stores {@code json} as the checkpoint, as it lies (an older version's, or a damaged one). */
    protected abstract void putRawCheckpoint(String json);

    /** Applies {@code damage} to the stored bytes of the table's current state (the file, or its first chunk). */
    protected abstract void damageStoredState(String table, Damage damage);

    /** What a damaged stored form becomes; the stores apply it to a file or to a chunk item. */
    protected static byte[] damaged(byte[] stored, Damage damage) {
        try {
            switch (damage) {
                case TRUNCATED:
                    return java.util.Arrays.copyOf(stored, stored.length / 2);
                case GARBAGE:
                    return "this is not an Airsync state".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                default:
                    byte[] content;
                    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(stored))) {
                        content = in.readAllBytes();
                    }
                    if (damage == Damage.CHANGED_RECORD) {
                        // In the last record's last field hash (the 4 bytes before the CRC): structure intact.
                        content[content.length - 6] ^= 0x01;
                    } else {
                        content[3] = 0x7f; // the low byte of the leading format int: version 127
                    }
                    var out = new java.io.ByteArrayOutputStream();
                    try (var gz = new java.util.zip.GZIPOutputStream(out)) {
                        gz.write(content);
                    }
                    return out.toByteArray();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------- tables

    @Test
    void aTableNeverSavedIsEmptyAndAlignedToTheCurrentFields() {
        TableState state = store().loadTable("Users", FIELDS);
        assertFalse(state.exists());
        assertTrue(state.records().isEmpty());
        assertEquals(FIELDS, state.fieldNames());
    }

    @Test
    void roundTripsOneHundredThousandRecords() {
        TableState saved = randomState(100_000, FIELDS, 1);
        store().saveTable("Users", saved);

        TableState loaded = store().loadTable("Users", FIELDS);

        assertTrue(loaded.exists());
        assertEquals(FIELDS, loaded.fieldNames());
        assertSameRecords(saved.records(), loaded.records());
    }

    @Test
    void aSecondSaveReplacesTheFirstCompletely() {
        store().saveTable("Users", randomState(5_000, FIELDS, 1));
        TableState second = randomState(1_200, FIELDS, 2);
        store().saveTable("Users", second);

        assertSameRecords(second.records(), store().loadTable("Users", FIELDS).records());
    }

    @Test
    void savingAnEmptyTableIsRemembered() {
        store().saveTable("Events", new TableState(FIELDS, new HashMap<>(), true));
        TableState loaded = store().loadTable("Events", FIELDS);
        assertTrue(loaded.exists());
        assertTrue(loaded.records().isEmpty());
    }

    @Test
    void realignsFieldHashesToANewFieldOrderByName() {
        Map<String, KnownRecord> records = new HashMap<>();
        records.put("507f1f77bcf86cd799439011", new KnownRecord("recAAAAAAAAAAAAA1", 42L, new int[] {1, 2, 3}));
        store().saveTable("Users", new TableState(List.of("a", "b", "c"), records, true));

        TableState loaded = store().loadTable("Users", List.of("c", "new", "a"));

        assertEquals(List.of("c", "new", "a"), loaded.fieldNames());
        KnownRecord r = loaded.records().get("507f1f77bcf86cd799439011");
        assertEquals("recAAAAAAAAAAAAA1", r.recordId());
        assertEquals(42L, r.recordHash());
        assertArrayEquals(new int[] {3, 0, 1}, r.fieldHashes());
    }

    @Test
    void keepsRecordsWithoutRecordIdOrFieldHashes() {
        Map<String, KnownRecord> records = new HashMap<>();
        records.put("id-1", new KnownRecord(null, -1L, null));
        records.put("id-2", new KnownRecord("recB", Long.MIN_VALUE, new int[0]));
        store().saveTable("Users", new TableState(List.of("a", "b"), records, true));

        TableState loaded = store().loadTable("Users", List.of("a", "b"));

        assertNull(loaded.records().get("id-1").recordId());
        assertEquals(-1L, loaded.records().get("id-1").recordHash());
        assertArrayEquals(new int[] {0, 0}, loaded.records().get("id-1").fieldHashes());
        assertArrayEquals(new int[] {0, 0}, loaded.records().get("id-2").fieldHashes());
        assertEquals(Long.MIN_VALUE, loaded.records().get("id-2").recordHash());
    }

    @Test
    void tablesAreKeptApartEvenWithOddNames() {
        TableState users = randomState(300, FIELDS, 3);
        TableState odd = randomState(200, List.of("x"), 4);
        store().saveTable("Users", users);
        store().saveTable("Users/Öffentlich #1 ..", odd);

        assertSameRecords(users.records(), store().loadTable("Users", FIELDS).records());
        assertSameRecords(odd.records(), store().loadTable("Users/Öffentlich #1 ..", List.of("x")).records());
        assertFalse(store().loadTable("Users/Öffentlich", List.of("x")).exists());
    }

    @Test
    void aCrashMidSaveLeavesThePreviousStateLoadable() {
        TableState before = randomState(3_000, FIELDS, 5);
        store().saveTable("Users", before);

        simulateCrashedSave("Users", randomState(4_000, FIELDS, 6));

        assertSameRecords(before.records(), store().loadTable("Users", FIELDS).records());

        // ...and the next save still works and wins.
        TableState after = randomState(2_500, FIELDS, 7);
        store().saveTable("Users", after);
        assertSameRecords(after.records(), store().loadTable("Users", FIELDS).records());
    }

    @Test
    void damagedStateIsTreatedAsNoStateWithItsReasonAndTheNextSaveHeals() {
        for (Damage damage : Damage.values()) {
            String table = "Users " + damage;
            store().saveTable(table, randomState(2_000, FIELDS, 8));
            damageStoredState(table, damage);

            TableState loaded = store().loadTable(table, FIELDS);

            assertFalse(loaded.exists(), damage + ": treated as never saved");
            assertTrue(loaded.records().isEmpty(), damage.toString());
            assertEquals(FIELDS, loaded.fieldNames(), damage.toString());
            assertNotNull(loaded.unreadable(), damage + ": the reason is kept for the report");
            assertTrue(loaded.unreadable().contains("'" + table + "'") || loaded.unreadable().contains(table),
                    damage + " names the table: " + loaded.unreadable());

            TableState healed = randomState(1_500, FIELDS, 9);
            store().saveTable(table, healed);
            TableState reloaded = store().loadTable(table, FIELDS);
            assertNull(reloaded.unreadable(), damage + ": " + reloaded.unreadable());
            assertSameRecords(healed.records(), reloaded.records());
        }
    }

    @Test
    void theReasonSaysWhatIsWrong() {
        store().saveTable("Users", randomState(500, FIELDS, 10));
        damageStoredState("Users", Damage.CHANGED_RECORD);
        assertTrue(store().loadTable("Users", FIELDS).unreadable().contains("checksum mismatch"),
                store().loadTable("Users", FIELDS).unreadable());

        store().saveTable("Users", randomState(500, FIELDS, 10));
        damageStoredState("Users", Damage.TRUNCATED);
        assertTrue(store().loadTable("Users", FIELDS).unreadable().contains("truncated"),
                store().loadTable("Users", FIELDS).unreadable());

        store().saveTable("Users", randomState(500, FIELDS, 10));
        damageStoredState("Users", Damage.UNKNOWN_VERSION);
        assertTrue(store().loadTable("Users", FIELDS).unreadable().contains("version"),
                store().loadTable("Users", FIELDS).unreadable());
    }

    // --------------------------------------------------------------------------------------------------- lock

    @Test
    void racingThreadsSeeExactlyOneWinner() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<RunLock>>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String owner = "run-" + i;
                results.add(pool.submit(() -> {
                    go.await();
                    return store().tryLock(owner, Duration.ofMinutes(16));
                }));
            }
            go.countDown();
            int winners = 0;
            for (Future<Optional<RunLock>> r : results) {
                if (r.get(60, TimeUnit.SECONDS).isPresent()) {
                    winners++;
                }
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHeldLockRefusesOthersAndIsRenewedByItsOwner() {
        RunLock lock = store().tryLock("run-a", Duration.ofMinutes(16)).orElseThrow();
        assertEquals("run-a", lock.owner());
        assertEquals(Instant.parse("2024-05-01T10:16:00Z"), lock.expiresAt());

        assertTrue(store().tryLock("run-b", Duration.ofMinutes(16)).isEmpty());

        clock.advance(Duration.ofMinutes(5));
        RunLock renewed = store().tryLock("run-a", Duration.ofMinutes(16)).orElseThrow();
        assertEquals(Instant.parse("2024-05-01T10:21:00Z"), renewed.expiresAt());
    }

    @Test
    void anExpiredLockIsTakenOver() {
        store().tryLock("crashed-run", Duration.ofMinutes(16)).orElseThrow();
        clock.advance(Duration.ofMinutes(16));
        assertTrue(store().tryLock("run-b", Duration.ofMinutes(16)).isEmpty(), "still valid at its expiry second");

        clock.advance(Duration.ofSeconds(1));
        RunLock taken = store().tryLock("run-b", Duration.ofMinutes(16)).orElseThrow();
        assertEquals("run-b", taken.owner());
        assertTrue(store().tryLock("crashed-run", Duration.ofMinutes(16)).isEmpty());
    }

    @Test
    void releaseByAnotherOwnerIsANoOpAndByTheOwnerFreesTheLock() {
        RunLock lock = store().tryLock("run-a", Duration.ofMinutes(16)).orElseThrow();

        store().release(new RunLock("run-b", lock.expiresAt()));
        assertTrue(store().tryLock("run-c", Duration.ofMinutes(16)).isEmpty(), "release by non-owner freed the lock");

        store().release(lock);
        assertTrue(store().tryLock("run-c", Duration.ofMinutes(16)).isPresent());
    }

    @Test
    void releasingALockTakenOverMeanwhileLeavesTheNewHolder() {
        RunLock old = store().tryLock("run-a", Duration.ofMinutes(1)).orElseThrow();
        clock.advance(Duration.ofMinutes(2));
        store().tryLock("run-b", Duration.ofMinutes(16)).orElseThrow();

        store().release(old);

        assertTrue(store().tryLock("run-c", Duration.ofMinutes(16)).isEmpty());
    }

    @Test
    void aHeartbeatKeepsTheLockAcrossManyLeasesAndTheHolderIsNamed() {
        Instant start = clock.instant();
        RunLock lock = store().tryLock("inv-a", Duration.ofMinutes(3)).orElseThrow();
        lock = store().renew(lock.forRun("run-x"), Duration.ofMinutes(3)).orElseThrow();
        for (int minute = 1; minute <= 10; minute++) {
            clock.advance(Duration.ofMinutes(1));
            lock = store().renew(lock, Duration.ofMinutes(3)).orElseThrow(() -> new AssertionError("renewal refused"));
            assertTrue(store().tryLock("inv-b", Duration.ofMinutes(3)).isEmpty(), "taken over at minute " + minute);
        }
        RunLock holder = store().holder().orElseThrow();
        assertEquals("inv-a", holder.owner());
        assertEquals("run-x", holder.runId());
        assertEquals(start, holder.acquiredAt(), "a renewal keeps the start");
        assertEquals(clock.instant().plus(Duration.ofMinutes(3)), holder.expiresAt());
    }

    @Test
    void aMissedHeartbeatLetsAnotherRunTakeOverWithinOneLeaseAndTheOldHolderCannotRenew() {
        RunLock a = store().tryLock("inv-a", Duration.ofMinutes(3)).orElseThrow();
        clock.advance(Duration.ofMinutes(2));
        assertTrue(store().tryLock("inv-b", Duration.ofMinutes(3)).isEmpty(), "still A's within its lease");

        // A stalls (or died): no heartbeat. One second after the lease's end the lock is free.
        clock.set(a.expiresAt().plusSeconds(1));
        RunLock b = store().tryLock("inv-b", Duration.ofMinutes(3)).orElseThrow(() -> new AssertionError("not taken over"));

        assertTrue(store().renew(a, Duration.ofMinutes(3)).isEmpty(), "the old holder's renewal must be refused");
        store().release(a);
        assertEquals("inv-b", store().holder().orElseThrow().owner(), "B keeps the lock");
        assertTrue(store().renew(b, Duration.ofMinutes(3)).isPresent());
    }

    @Test
    void aReleasedLockCannotBeRenewedAndHasNoHolder() {
        RunLock a = store().tryLock("inv-a", Duration.ofMinutes(3)).orElseThrow();
        store().release(a);
        assertTrue(store().holder().isEmpty());
        assertTrue(store().renew(a, Duration.ofMinutes(3)).isEmpty(), "a renewal must not take a free lock back");
    }

    @Test
    void refusesAnEmptyLease() {
        assertThrows(IllegalArgumentException.class, () -> store().tryLock("run-a", Duration.ZERO));
    }

    // --------------------------------------------------------------------------------------------- checkpoint

    @Test
    void checkpointRoundTrip() {
        assertTrue(store().load().isEmpty());
        RunCheckpoint checkpoint = new RunCheckpoint("run-20240501-1", Instant.parse("2024-05-01T10:00:00.123Z"),
                List.of("Users", "Events", "Messages"), true, false,
                List.of(new RunCheckpoint.TableProgress("Users", "succeeded", 10, 1, 2, 7, 0, 0, 0, null)),
                "Events", "{\"_id\": {\"$oid\": \"507f1f77bcf86cd799439011\"}}",
                new RunCheckpoint.TableProgress("Events", "running", 500, 5, 0, 495, 0, 1, 2, "one failed"), 3);

        store().save(checkpoint);
        assertEquals(Optional.of(checkpoint), store().load());

        RunCheckpoint next = new RunCheckpoint(checkpoint.runId(), checkpoint.startedAt(), checkpoint.tables(), true,
                false, checkpoint.completed(), null, null, null, 4);
        store().save(next);
        assertEquals(Optional.of(next), store().load());

        store().clear();
        assertTrue(store().load().isEmpty());
        store().clear();
    }

    @Test
    void aCheckpointThatCannotBeUsedIsRefusedAsUnreadableNotAsAnOutage() {
        for (String bad : java.util.List.of("{\"runId\": \"r1\", \"startedAt\": ", "[]",
                "{\"format\": 99, \"runId\": \"r1\"}",
                // An older version's checkpoint stopped inside a table: its resume point has no type.
                "{\"runId\": \"r1\", \"startedAt\": \"2024-05-01T10:00:00Z\", \"tables\": [\"Users\"], "
                        + "\"completed\": [], \"currentTable\": \"Users\", \"lastMongoId\": \"12\", \"invocations\": 1}")) {
            putRawCheckpoint(bad);
            assertThrows(UnreadableCheckpointException.class, () -> store().load(), bad);
        }
        // ...while an older version's checkpoint between tables is still read.
        putRawCheckpoint("{\"runId\": \"r1\", \"startedAt\": \"2024-05-01T10:00:00Z\", \"tables\": [\"Users\"], "
                + "\"completed\": [], \"currentTable\": null, \"lastMongoId\": null, \"invocations\": 1}");
        assertEquals("r1", store().load().orElseThrow().runId());
    }

    @Test
    void describesWhereTheStateLives() {
        assertNotNull(store().describe());
        store().verifyAccess();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    protected static TableState randomState(int count, List<String> fields, long seed) {
        Random random = new Random(seed);
        Map<String, KnownRecord> records = new HashMap<>(count * 2);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        while (records.size() < count) {
            String mongoId = String.format("%08x%016x", random.nextInt(), random.nextLong());
            StringBuilder recordId = new StringBuilder("rec");
            for (int i = 0; i < 14; i++) {
                recordId.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            int[] hashes = new int[fields.size()];
            for (int i = 0; i < hashes.length; i++) {
                hashes[i] = random.nextInt();
            }
            records.put(mongoId, new KnownRecord(recordId.toString(), random.nextLong(), hashes));
        }
        return new TableState(fields, records, true);
    }

    protected static void assertSameRecords(Map<String, KnownRecord> expected, Map<String, KnownRecord> actual) {
        assertEquals(expected.size(), actual.size(), "record count");
        for (Map.Entry<String, KnownRecord> e : expected.entrySet()) {
            KnownRecord a = actual.get(e.getKey());
            if (a == null) {
                fail("missing record " + e.getKey());
            }
            assertEquals(e.getValue().recordId(), a.recordId(), e.getKey());
            assertEquals(e.getValue().recordHash(), a.recordHash(), e.getKey());
            assertArrayEquals(e.getValue().fieldHashes(), a.fieldHashes(), e.getKey());
        }
    }
}
