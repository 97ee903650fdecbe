package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.sync.LambdaInvoker;
import io.airsync.sync.MappingProvider;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.LoggedRequest;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.reliability.AirtableContent;
import io.airsync.testing.reliability.FaultTrigger;
import io.airsync.testing.reliability.ReliabilityStack;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * State that cannot be read (cut short, a changed byte, garbage) is treated as no state: the run reads the table back
 * from Airtable, adopts its records by key (nothing created twice, nothing rewritten), warns once per table, saves
 * the state anew, and the run after is a no-op again. A {@code reconcile} run the same. One subclass per store.
 */
abstract class DamagedStateTestBase {

    AirtableEmulator airtable = ReliabilityStack.airtable();
    @Inject
    MappingProvider mappings;
    DemoDataGenerator.Counts counts;

    enum Damage { TRUNCATED, CHANGED_BYTE, GARBAGE }

    /** Applies the damage to the stored state of {@code table} (its file, or its first DynamoDB chunk). */
    abstract void damage(String table, Damage damage);

    /** Stores {@code json} as the waiting checkpoint, as it lies. */
    abstract void putRawCheckpoint(String json);

    /** The markdown report of a run, as stored. */
    abstract String report(JsonPath run);

    /** Extra per-store reset (the stack itself is reset by the base). */
    void resetStore() {
    }

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        resetStore();
        counts = new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(ReliabilityStack.database(), 40);
    }

    @Test
    void damagedStateIsReadBackFromAirtableAdoptedByKeyWarnedOnceAndHealed() {
        assertEquals("succeeded", LambdaInvoker.invoke("{}").getString("status"));
        damage("Users", Damage.TRUNCATED);
        damage("Events", Damage.GARBAGE);
        damage("Messages", Damage.CHANGED_BYTE);
        airtable.clearRequests();

        JsonPath second = LambdaInvoker.invoke("{}");

        assertEquals("succeeded", second.getString("status"), second.prettify());
        for (int t = 0; t < 3; t++) {
            assertEquals(0, second.getLong("tables[" + t + "].created"), second.prettify());
            assertEquals(0, second.getLong("tables[" + t + "].updated"), "adopted unchanged: " + second.prettify());
        }
        assertEquals(0, airtable.requests().stream().filter(FaultTrigger::isWrite).count(), "nothing rewritten");
        for (String table : List.of("Users", "Events", "Messages")) {
            assertTrue(airtable.requests().stream().anyMatch(r -> isListOf(r, table)), table + " read back");
        }
        String report = report(second);
        assertEquals(3, occurrences(report, "treated as no state"), "one warning per damaged table:\n" + report);
        assertTrue(report.contains("state of table 'Users'") && report.contains("truncated"), report);
        assertTrue(report.contains("checksum mismatch"), report);
        assertBaseIsComplete();

        airtable.clearRequests();
        JsonPath third = LambdaInvoker.invoke("{}");
        assertEquals("succeeded", third.getString("status"));
        assertEquals(0, airtable.requests().stream().filter(FaultTrigger::isWrite).count(), "healed: a no-op");
        assertEquals(0, airtable.requests().stream().filter(r -> isListOf(r, "Users")).count(), "state read again");
        assertEquals(0, occurrences(report(third), "treated as no state"));
    }

    @Test
    void aReconcileRunWithDamagedStateGoesThroughToo() {
        assertEquals("succeeded", LambdaInvoker.invoke("{}").getString("status"));
        damage("Users", Damage.CHANGED_BYTE);

        JsonPath reconcile = LambdaInvoker.invoke("{\"reconcile\": true}");

        assertEquals("succeeded", reconcile.getString("status"), reconcile.prettify());
        assertEquals(1, occurrences(report(reconcile), "treated as no state"));
        assertBaseIsComplete();
    }

    @Test
    void anUnusableCheckpointIsIgnoredOnceAndTheRunStartsOver() {
        assertEquals("succeeded", LambdaInvoker.invoke("{}").getString("status"));
        // An older version's checkpoint, stopped inside Messages at an _id without its type.
        putRawCheckpoint("{\"runId\": \"0ld0ld0ld0\", \"startedAt\": \"2026-11-30T10:00:00Z\", "
                + "\"tables\": [\"Users\", \"Events\", \"Messages\"], \"completed\": [], "
                + "\"currentTable\": \"Messages\", \"lastMongoId\": \"65a1b2c3d4e5f60718293a4b\", \"invocations\": 1}");
        airtable.clearRequests();

        JsonPath run = LambdaInvoker.invoke("{}");

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertTrue(!"0ld0ld0ld0".equals(run.getString("runId")), "a new run, not the old one continued");
        assertEquals(1, occurrences(report(run), "ignored and removed"), report(run));
        assertEquals(0, airtable.requests().stream().filter(FaultTrigger::isWrite).count(), "nothing rewritten");
        assertEquals(0, occurrences(report(LambdaInvoker.invoke("{}")), "ignored and removed"), "said once");

        // A current-format checkpoint whose resume point is damaged: the same.
        putRawCheckpoint("{\"format\": 2, \"runId\": \"0ld0ld0ld1\", \"startedAt\": \"2026-11-30T10:00:00Z\", "
                + "\"tables\": [\"Users\", \"Events\", \"Messages\"], \"completed\": [], "
                + "\"currentTable\": \"Messages\", \"lastId\": \"{\\\"_id\\\": \", \"invocations\": 1}");
        JsonPath again = LambdaInvoker.invoke("{}");
        assertEquals("succeeded", again.getString("status"), again.prettify());
        assertEquals(1, occurrences(report(again), "ignored and removed"), report(again));
    }

    // ------------------------------------------------------------------------------------------------------------

    private void assertBaseIsComplete() {
        AirtableContent content = AirtableContent.read(airtable, ReliabilityStack.BASE_ID, mappings.mapping());
        assertEquals(List.of(), content.duplicateKeys());
        assertEquals(counts.total(), content.totalRecords());
    }

    private static boolean isListOf(LoggedRequest r, String table) {
        return r.isDataRequest() && "GET".equals(r.method()) && r.path().endsWith("/" + table);
    }

    static int occurrences(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The stored bytes after {@code damage}; CHANGED_BYTE keeps the gzip valid, so only the state's CRC tells. */
    static byte[] damaged(byte[] stored, Damage damage) {
        switch (damage) {
            case TRUNCATED:
                return Arrays.copyOf(stored, stored.length * 2 / 3);
            case GARBAGE:
                return new byte[] {1, 2, 3, 4, 5};
            default:
                try {
                    byte[] content;
                    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
                        content = in.readAllBytes();
                    }
                    content[content.length - 6] ^= 0x10; // the last record's last field hash
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                        gz.write(content);
                    }
                    return out.toByteArray();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
        }
    }
}
