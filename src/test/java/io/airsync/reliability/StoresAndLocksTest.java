package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.sync.InvocationRequest;
import io.airsync.report.RunSummary;
import io.airsync.sync.LambdaInvoker;
import io.airsync.sync.MappingProvider;
import io.airsync.sync.SyncService;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.reliability.AirtableContent;
import io.airsync.testing.reliability.FaultTrigger;
import io.airsync.testing.reliability.OutputCapture;
import io.airsync.testing.reliability.ProxiedAwsStack;
import io.airsync.testing.reliability.ReliabilityStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * State in DynamoDB and reports in S3, through proxies that can be cut: either store unavailable stops the run
 * before anything is written that could not be recorded; S3 failing at the end loses the report, not the run, and
 * the log says why. Two invocations at once: exactly one runs. A lock whose holder died is taken over once its lease
 * has run out, and not before.
 */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
@WithTestResource(ProxiedAwsStack.class)
class StoresAndLocksTest {

    static final InvocationRequest SYNC_ALL = new InvocationRequest(List.of(), false, false, null, "operator");

    AirtableEmulator airtable = ReliabilityStack.airtable();
    @Inject
    SyncService sync;
    @Inject
    MappingProvider mappings;
    DemoDataGenerator.Counts counts;

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        ProxiedAwsStack.restore();
        ProxiedAwsStack.wipe();
        counts = new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(ReliabilityStack.database(), 40);
    }

    @Test
    void dynamoDbUnavailableStopsTheRunBeforeAnything() {
        ProxiedAwsStack.dynamoProxy().cut();
        JsonPath run = LambdaInvoker.invoke("{}");

        assertEquals("failed", run.getString("status"), run.prettify());
        assertTrue(run.getString("error").startsWith("run not started: DynamoDB state table '"
                + ProxiedAwsStack.STATE_TABLE + "': reading failed"), run.getString("error"));
        assertEquals(0, airtable.requests().size(), "no Airtable request");
        assertEquals(0, reportObjects(), "no report");

        ProxiedAwsStack.dynamoProxy().restore();
        assertEquals("succeeded", LambdaInvoker.invoke("{}").getString("status"), "the next run goes through");
    }

    @Test
    void s3UnavailableStopsTheRunBeforeAnything() {
        ProxiedAwsStack.s3Proxy().cut();
        JsonPath run = LambdaInvoker.invoke("{}");

        assertEquals("failed", run.getString("status"), run.prettify());
        assertTrue(run.getString("error").startsWith("run not started: Cannot reach the report bucket '"
                + ProxiedAwsStack.BUCKET + "'"), run.getString("error"));
        assertEquals(0, airtable.requests().size(), "no Airtable request");
        assertEquals(0, stateItems(), "nothing in DynamoDB, not even the lock");

        ProxiedAwsStack.s3Proxy().restore();
        assertEquals("succeeded", LambdaInvoker.invoke("{}").getString("status"), "the next run goes through");
        assertTrue(reportObjects() >= 4, "dated report and summary, latest.md, latest.json");
    }

    // Nothing listening at all (connection refused), where the two tests above cut connections that were accepted.
    // Formerly StateStoreUnavailableTest and ReportStoreUnavailableTest, each an application of its own pointed at a
    // closed port; here the same application's proxy stops listening.

    @Test
    void dynamoDbRefusingConnectionsStopsTheRunAtOnceNamingTheTableAndWritesNothingAnywhere() throws Exception {
        ProxiedAwsStack.dynamoProxy().refuse();
        JsonPath run = LambdaInvoker.invoke("{}");

        assertEquals("failed", run.getString("status"), run.prettify());
        String error = run.getString("error");
        assertTrue(error.startsWith("run not started"), error);
        assertTrue(error.contains(ProxiedAwsStack.STATE_TABLE), error);
        assertEquals(List.of(), run.getList("tables"));
        assertEquals(0, airtable.requests().size(), "no Airtable request");
        assertEquals(0, reportObjects(), "no report");
        assertEquals(List.of(), localFiles(), "no state or report written anywhere else");

        ProxiedAwsStack.dynamoProxy().restore();
        assertEquals("succeeded", LambdaInvoker.invoke("{}").getString("status"), "the next run goes through");
    }

    @Test
    void s3RefusingConnectionsStopsTheRunAtOnceNamingTheBucketAndLeavesDynamoDbAsItWas() {
        ProxiedAwsStack.s3Proxy().refuse();
        JsonPath run = LambdaInvoker.invoke("{}");

        assertEquals("failed", run.getString("status"), run.prettify());
        String error = run.getString("error");
        assertTrue(error.startsWith("run not started"), error);
        assertTrue(error.contains(ProxiedAwsStack.BUCKET), error);
        assertNull(run.getString("reportUri"));
        assertEquals(0, airtable.requests().size(), "no Airtable request");
        assertEquals(0, stateItems(), "no lock, state or checkpoint written");

        ProxiedAwsStack.s3Proxy().restore();
        assertEquals("succeeded", LambdaInvoker.invoke("{}").getString("status"), "the next run goes through");
    }

    @Test
    void s3FailingAtTheEndLosesTheReportNotTheRunAndTheLogSaysWhy() {
        CompletableFuture<Void> outage = FaultTrigger.afterWrites(airtable, null, 1, () -> ProxiedAwsStack.s3Proxy().cut());
        JsonPath run;
        String log;
        try (OutputCapture capture = OutputCapture.start()) {
            run = LambdaInvoker.invoke("{}");
            log = capture.logs();
        }
        outage.join();

        assertEquals(counts.total(), run.getLong("tables[0].created") + run.getLong("tables[1].created")
                + run.getLong("tables[2].created"), "the sync itself went through");
        assertNull(run.getString("reportUri"));
        assertTrue(run.getString("error").matches("report not stored: Cannot write the (report|problems file) s3://" + ProxiedAwsStack.BUCKET + "/.*"),
                run.getString("error"));
        assertTrue(java.util.regex.Pattern.compile("the report of run " + run.getString("runId")
                + " could not be stored: Cannot write the (report|problems file) s3://").matcher(log).find(),
                log);
        assertTrue(log.contains("run " + run.getString("runId") + " succeeded"), "the run's outcome is in the log");

        // The state was saved: once S3 is back, the next run has nothing to write.
        ProxiedAwsStack.s3Proxy().restore();
        airtable.clearRequests();
        JsonPath next = LambdaInvoker.invoke("{}");
        assertEquals("succeeded", next.getString("status"));
        assertEquals(0, airtable.requests().stream().filter(FaultTrigger::isWrite).count());
    }

    @Test
    void twoInvocationsAtOnceExactlyOneRuns() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<RunSummary> both;
        try {
            Future<RunSummary> a = two.submit(() -> runAfter(start));
            Future<RunSummary> b = two.submit(() -> runAfter(start));
            both = List.of(a.get(2, TimeUnit.MINUTES), b.get(2, TimeUnit.MINUTES)); // hang guards
        } finally {
            two.shutdownNow();
        }

        assertEquals(1, both.stream().filter(s -> s.status().equals("succeeded")).count(), both.toString());
        RunSummary skipped = both.stream().filter(s -> s.status().equals("skipped")).findFirst().orElseThrow();
        assertTrue(skipped.error().startsWith("another run is in progress: run "), skipped.error());
        String holder = both.stream().filter(s -> s.status().equals("succeeded")).findFirst().orElseThrow().runId();
        assertTrue(skipped.error().contains("run " + holder + " (started "), "names the holder: " + skipped.error());
        assertTrue(skipped.error().contains("its lease runs until "), skipped.error());
        assertEquals(0, skipped.requests().size(), "the skipped run did not talk to Airtable");

        AirtableContent content = AirtableContent.read(airtable, ReliabilityStack.BASE_ID, mappings.mapping());
        assertEquals(List.of(), content.duplicateKeys());
        assertEquals(counts.total(), content.totalRecords());
        assertEquals(0, lockItems(), "the lock is released");
    }

    @Test
    void aLockWhoseHolderDiedIsTakenOverOnceItsLeaseRanOut() {
        putLock("run-that-crashed", Instant.now().minusSeconds(60));
        JsonPath run = LambdaInvoker.invoke("{}");
        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(0, lockItems(), "taken over, then released");
    }

    @Test
    void aLiveLockIsRespected() {
        Instant expiry = Instant.ofEpochSecond(Instant.now().plusSeconds(600).getEpochSecond());
        putLock("run-still-going", expiry);
        JsonPath run = LambdaInvoker.invoke("{}");
        assertEquals("skipped", run.getString("status"), run.prettify());
        // The answer names the holder, its start and its lease's end: what the operator needs to decide to wait.
        assertEquals("another run is in progress: run run-still-going (started " + expiry.minusSeconds(960)
                + "), its lease runs until " + expiry + " (renewed while it lives; a crashed run's lock frees then)",
                run.getString("error"));
        assertEquals(0, airtable.requests().size(), "no Airtable request");
        Map<String, AttributeValue> lock = lock();
        assertEquals("run-still-going", lock.get("owner").s(), "the holder keeps its lock");
    }

    // ------------------------------------------------------------------------------------------------------------

    private RunSummary runAfter(CyclicBarrier start) {
        try {
            start.await(2, TimeUnit.MINUTES); // hang guard: the other thread never arriving fails, not hangs
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return sync.run(SYNC_ALL, null, null);
    }

    private static void putLock(String owner, Instant expiresAt) {
        ProxiedAwsStack.dynamo().putItem(b -> b.tableName(ProxiedAwsStack.STATE_TABLE).item(Map.of(
                "pk", AttributeValue.fromS("lock"), "sk", AttributeValue.fromS("run"),
                "owner", AttributeValue.fromS(owner),
                "expiresAt", AttributeValue.fromN(String.valueOf(expiresAt.getEpochSecond())),
                "acquiredAt", AttributeValue.fromS(expiresAt.minusSeconds(960).toString()))));
    }

    private static Map<String, AttributeValue> lock() {
        return ProxiedAwsStack.dynamo().getItem(b -> b.tableName(ProxiedAwsStack.STATE_TABLE).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("lock"), "sk", AttributeValue.fromS("run")))).item();
    }

    private static long lockItems() {
        Map<String, AttributeValue> lock = lock();
        return lock == null || lock.isEmpty() ? 0 : 1;
    }

    private static long stateItems() {
        return ProxiedAwsStack.dynamo().scan(b -> b.tableName(ProxiedAwsStack.STATE_TABLE)).count();
    }

    private static List<java.nio.file.Path> localFiles() throws java.io.IOException {
        if (!java.nio.file.Files.exists(ReliabilityStack.LOCAL_DIR)) {
            return List.of();
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(ReliabilityStack.LOCAL_DIR)) {
            return files.filter(java.nio.file.Files::isRegularFile).toList();
        }
    }

    private static long reportObjects() {
        return ProxiedAwsStack.s3().listObjectsV2(b -> b.bucket(ProxiedAwsStack.BUCKET)).keyCount();
    }
}
