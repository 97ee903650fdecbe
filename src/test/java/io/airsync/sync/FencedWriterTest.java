package io.airsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.airtable.AirtableClient;
import io.airsync.airtable.AirtableClientTestProfile;
import io.airsync.airtable.AirtableSettings;
import io.airsync.state.FileStateStore;
import io.airsync.testing.MutableClock;
import io.airsync.testing.RecordingWriteListener;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.EmulatorOptions;
import io.airsync.testing.airtable.LoggedRequest;
import io.airsync.write.TableWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fencing end to end below the engine: a writer fenced by a real run lease (file store, injected clock) against the
 * emulator over HTTP. While the lease holds, batches go out; once the lease ran out and another run took the lock,
 * not one more batch reaches Airtable, the held-back records are each reported as not sent, and the lease says the
 * run lost its lock (what TableRun throws, so the run answers failed).
 */
@QuarkusTest
@TestProfile(AirtableClientTestProfile.class)
class FencedWriterTest {

    static final String BASE = "appFencedWriter001";
    static final String TOKEN = "patFencedWriter.0123456789abcdef";
    static final Duration LEASE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void aRunTakenOverSendsNothingMoreAndReportsWhatItHeldBack() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T06:00:00Z"));
        FileStateStore store = new FileStateStore(dir, clock);
        RunLease lease = new RunLease(store, store.tryLock("inv-a", LEASE).orElseThrow(), LEASE, clock, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (AirtableEmulator emulator = AirtableEmulator.start(new EmulatorOptions().token(TOKEN).requestsPerSecond(0))) {
            emulator.addBase(BASE, """
                    {"tables":[{"name":"Users","fields":[
                      {"name":"Key","type":"singleLineText"},{"name":"Name","type":"singleLineText"}]}]}""");
            AirtableClient client = new AirtableClient(AirtableSettings.defaults(emulator.url()));
            RecordingWriteListener listener = new RecordingWriteListener();
            TableWriter writer = new TableWriter(client.base(BASE, TOKEN).table("Users"), "Key", pool, 2,
                    listener).fencedBy(lease::held);

            IntStream.range(0, 20).forEach(i -> RecordingWriteListener.create(writer, "u" + i));
            writer.flush();
            assertEquals(20, listener.written.size(), "two batches while the lease held");
            assertFalse(writer.fenced());

            // The process stalled past its lease; another run took the lock over.
            clock.advance(LEASE.plusSeconds(1));
            store.tryLock("inv-b", LEASE).orElseThrow(() -> new AssertionError("not taken over"));
            lease.heartbeat();

            IntStream.range(20, 35).forEach(i -> RecordingWriteListener.create(writer, "u" + i));
            writer.flush();
            client.close();

            assertTrue(writer.fenced());
            List<LoggedRequest> writes = emulator.requests().stream().filter(r -> !r.method().equals("GET")).toList();
            assertEquals(2, writes.size(), "nothing sent after the takeover: " + writes);
            assertEquals(20, emulator.records(BASE, "Users").size());
            assertEquals(15, listener.failed.size(), "every held-back record is reported");
            for (String[] f : listener.failed) {
                assertEquals(TableWriter.NOT_SENT_LOCK_LOST, f[1], String.join(" | ", f));
                assertTrue(f[2].contains("lost the run lock to another run"), f[2]);
            }
            RunLease.LeaseLost lost = assertThrows(RunLease.LeaseLost.class, lease::check);
            assertTrue(lost.getMessage().contains("another run took it over"), lost.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

}
