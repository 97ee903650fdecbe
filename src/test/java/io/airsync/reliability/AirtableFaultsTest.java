package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.airtable.AirtableRequestStats;
import io.airsync.sync.LambdaInvoker;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.LoggedRequest;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.reliability.AirtableContent;
import io.airsync.testing.reliability.FaultTrigger;
import io.airsync.testing.reliability.ReliabilityStack;
import io.airsync.testing.reliability.RunReportFiles;
import io.airsync.sync.MappingProvider;
import io.quarkus.test.common.WithTestResource;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Airtable misbehaving in the middle of a first sync of 2,050 records (the demo dataset for 400 users): a 429 storm,
 * 500/502/503 bursts, answers slower than the client's read timeout, dropped connections, and writes applied whose
 * answer is lost. Each time the base ends exactly as after a clean run (same records, same values, links to the same
 * records, no duplicate, none missing), and the report counts every 429 and every retry the emulator's log shows,
 * per table and in total.
 */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
class AirtableFaultsTest {

    static final int USERS = 400;
    static final List<String> TABLES = List.of("Users", "Events", "Messages");

    /** The base after a clean run over the same data: what every faulty run must end with. */
    static AirtableContent clean;
    static JsonPath cleanSummary;

    AirtableEmulator airtable = ReliabilityStack.airtable();
    @Inject
    MappingProvider mappings;

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        DemoDataGenerator.Counts counts = new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED)
                .seed(ReliabilityStack.database(), USERS);
        assertTrue(counts.total() >= 2_000, "a sync of at least 2,000 records: " + counts);
        if (clean == null) {
            cleanSummary = LambdaInvoker.invoke("{}");
            clean = AirtableContent.read(airtable, ReliabilityStack.BASE_ID, mappings.mapping());
            assertEquals(counts.total(), clean.totalRecords(), "the clean run wrote every record");
            assertEquals(List.of(), clean.duplicateKeys());
            assertEquals(0L, cleanSummary.getLong("requests.retries"));
            ReliabilityStack.reset();
        }
    }

    @Test
    void a429StormMidRunIsWaitedOut() {
        CompletableFuture<Void> storm = FaultTrigger.afterWrites(airtable, null, 40,
                () -> airtable.faults().rateLimitFor(Duration.ofMillis(2500)));
        JsonPath run = LambdaInvoker.invoke("{}");
        storm.join();

        assertSameAsCleanRun(run);
        long throttled = logged(r -> r.status() == 429);
        assertTrue(throttled > 0, "the storm answered 429s");
        assertAccounted(run, 0);
    }

    @Test
    void serverErrorBurstsAreRetried() {
        CompletableFuture<Void> bursts = FaultTrigger.atWrites(airtable, List.of(30L, 90L, 150L), List.of(
                () -> airtable.faults().failNext(3, 500),
                () -> airtable.faults().failNext(3, 502),
                () -> airtable.faults().failNext(3, 503)));
        JsonPath run = LambdaInvoker.invoke("{}");
        bursts.join();

        assertSameAsCleanRun(run);
        assertEquals(9, logged(r -> r.status() >= 500), "every injected 5xx was met");
        assertAccounted(run, 0);
    }

    @Test
    void answersSlowerThanTheReadTimeoutAreRetriedAndTheLateWritesDoNoHarm() {
        // The emulator performs a delayed request after the delay even though the client gave up: the create lands
        // twice (once late), which the upsert on the key field turns into one record.
        Duration delay = ReliabilityStack.READ_TIMEOUT.plusSeconds(1);
        AtomicLong injected = new AtomicLong();
        CompletableFuture<Void> slow = FaultTrigger.afterWrites(airtable, null, 30, () -> {
            injected.set(System.nanoTime());
            airtable.faults().delayNext(2, delay);
        });
        JsonPath run = LambdaInvoker.invoke("{}");
        slow.join();
        awaitLateRequests(injected.get(), delay);

        assertSameAsCleanRun(run);
        assertAccounted(run, 2);
    }

    @Test
    void droppedConnectionsAreRetried() {
        CompletableFuture<Void> drops = FaultTrigger.afterWrites(airtable, null, 30, () -> airtable.faults().dropNext(3));
        JsonPath run = LambdaInvoker.invoke("{}");
        drops.join();

        assertSameAsCleanRun(run);
        assertEquals(3, logged(r -> r.status() == 0), "three connections dropped");
        assertAccounted(run, 0);
    }

    @Test
    void writesAppliedWhoseAnswerIsLostAreNotDuplicated() {
        CompletableFuture<Void> lost = FaultTrigger.afterWrites(airtable, null, 30,
                () -> airtable.faults().applyThenDropNext(3));
        JsonPath run = LambdaInvoker.invoke("{}");
        lost.join();

        assertSameAsCleanRun(run);
        assertEquals(3, logged(r -> r.status() == 0), "three answers lost");
        assertAccounted(run, 0);
    }

    @Test
    void everyFaultAtOnceDuringAnUpdateRun() {
        // A second run that PATCHes changed records (by record ID) with faults all through it.
        LambdaInvoker.invoke("{}");
        new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).mutate(ReliabilityStack.database(), 0.3, 7L);
        airtable.clearRequests();
        Duration delay = ReliabilityStack.READ_TIMEOUT.plusSeconds(1);
        AtomicLong injected = new AtomicLong();
        CompletableFuture<Void> chaos = FaultTrigger.atWrites(airtable, List.of(5L, 15L, 25L, 35L, 45L), List.of(
                () -> airtable.faults().failNext(2, 503),
                () -> airtable.faults().applyThenDropNext(2),
                () -> airtable.faults().dropNext(2),
                () -> {
                    injected.set(System.nanoTime());
                    airtable.faults().delayNext(1, delay);
                },
                () -> airtable.faults().rateLimitFor(Duration.ofMillis(1500))));
        JsonPath run = LambdaInvoker.invoke("{}");
        chaos.join();
        awaitLateRequests(injected.get(), delay);
        assertTrue(run.getLong("tables[0].updated") > 0 && run.getLong("tables[2].updated") > 0, run.prettify());
        assertAccounted(run, 1);

        // The same data synced without faults gives the same base.
        AirtableContent faulty = AirtableContent.read(airtable, ReliabilityStack.BASE_ID, mappings.mapping());
        ReliabilityStack.reset();
        LambdaInvoker.invoke("{}");
        AirtableContent expected = AirtableContent.read(airtable, ReliabilityStack.BASE_ID, mappings.mapping());
        assertEquals("", faulty.differencesFrom(expected));
        assertEquals(expected, faulty);
    }

    // ------------------------------------------------------------------------------------------------------------

    private void assertSameAsCleanRun(JsonPath run) {
        assertEquals(cleanSummary.getString("status"), run.getString("status"), run.prettify());
        AirtableContent after = AirtableContent.read(airtable, ReliabilityStack.BASE_ID, mappings.mapping());
        assertEquals("", after.differencesFrom(clean), "the base differs from a clean run's");
        assertEquals(clean, after);
        // Every record counted once: created or (after a replayed upsert) updated, none failed that did not in the clean run.
        for (int t = 0; t < TABLES.size(); t++) {
            assertEquals(cleanSummary.getLong("tables[" + t + "].failed"), run.getLong("tables[" + t + "].failed"));
            assertEquals(cleanSummary.getLong("tables[" + t + "].created") + cleanSummary.getLong("tables[" + t + "].updated"),
                    run.getLong("tables[" + t + "].created") + run.getLong("tables[" + t + "].updated"), TABLES.get(t));
        }
    }

    /**
     * The summary and the report account for every request in the emulator's log: each one sent counted once by
     * kind, each 429 met, and each retry (one per 5xx, dropped connection, or timed-out request).
     *
     * @param timedOut requests delayed past the read timeout by this test (their log status is the late answer)
     */
    private void assertAccounted(JsonPath run, long timedOut) {
        List<LoggedRequest> log = airtable.requests();
        Map<String, Object> requests = run.getMap("requests");
        long sent = requests.entrySet().stream().filter(e -> !AirtableRequestStats.NOT_REQUEST_KINDS.contains(e.getKey()))
                .mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
        assertEquals(log.size(), sent, "requests sent, by kind, against the emulator's log: " + requests);
        long throttled = log.stream().filter(r -> r.status() == 429).count();
        long failed = log.stream().filter(r -> r.status() >= 500 || r.status() == 0).count();
        assertEquals(throttled, run.getLong("requests.rateLimited"), "429s");
        assertEquals(failed + timedOut, run.getLong("requests.retries"), "retries");

        String report = RunReportFiles.report(run);
        long tableRetries = 0;
        long tableThrottled = 0;
        for (String table : TABLES) {
            Map<String, Long> row = RunReportFiles.tableRow(report, table);
            tableRetries += row.get("Retries");
            tableThrottled += row.get("Rate limited (429)");
            long tableFailures = log.stream().filter(r -> r.path().contains("/" + table))
                    .filter(r -> r.status() >= 500 || r.status() == 0).count();
            assertTrue(row.get("Retries") >= tableFailures, table + " retries " + row + " vs failures " + tableFailures);
        }
        assertEquals(failed + timedOut, tableRetries, "retries per table add up to the total");
        assertEquals(throttled, tableThrottled, "429s per table add up to the total");
        Map<String, Long> total = RunReportFiles.tableRow(report, "**Total**");
        assertEquals(failed + timedOut, total.get("Retries"));
        assertEquals(throttled, total.get("Rate limited (429)"));
        assertTrue(report.contains("| Retries | " + (failed + timedOut) + " |"), report);
    }

    private long logged(java.util.function.Predicate<LoggedRequest> p) {
        return airtable.requests().stream().filter(p).count();
    }

    /**
     * Delayed requests reach the log when the emulator answers them, after the client gave up: wait until every
     * delay injected at {@code injectedAt} (System.nanoTime) has run out.
     */
    private void awaitLateRequests(long injectedAt, Duration delay) {
        Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> airtable.faults().pending() == 0
                        && System.nanoTime() - injectedAt > delay.plusMillis(500).toNanos());
    }
}
