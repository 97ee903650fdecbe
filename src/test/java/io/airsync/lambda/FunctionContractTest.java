package io.airsync.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.airsync.lambda.FunctionInvoker.Invocation;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.TableMapping;
import io.airsync.report.RunSummary;
import io.airsync.state.TableStateStore;
import io.airsync.state.TableState;
import io.airsync.sync.MappingProvider;
import io.airsync.testing.LogCapture;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.AirtableEmulatorResource;
import io.airsync.testing.airtable.LoggedRequest;
import io.airsync.testing.aws.AwsStackProbe;
import io.airsync.testing.aws.DynaliteResource;
import io.airsync.testing.aws.S3rverResource;
import io.airsync.testing.events.SampleEvents;
import io.airsync.testing.mongo.MongoWireResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The function's contract as AWS sees it, over real components: events queued at the application's Lambda Runtime API
 * reach the handler as raw bytes; state and the lock live in DynamoDB (dynalite), reports in S3 (s3rver); the source is the
 * wire-protocol MongoDB with a small demo dataset; Airtable is the emulator over HTTP.
 */
@QuarkusTest
@WithTestResource(DynaliteResource.class)
@WithTestResource(S3rverResource.class)
@WithTestResource(value = MongoWireResource.class,
        initArgs = @ResourceArg(name = MongoWireResource.DEMO_USERS, value = "40"))
@WithTestResource(AirtableEmulatorResource.class)
class FunctionContractTest {

    static final String BASE = AirtableEmulatorResource.BASE_ID;
    static final List<String> TABLES = List.of("Users", "Events", "Messages");
    /** Every summary has these keys, in this order, whatever its status. */
    static final List<String> SUMMARY_KEYS = List.of("runId", "status", "warnings", "mode", "startedAt", "durationMs",
            "tables", "requests", "reportUri", "summaryUri", "problemsUri", "error", "airtable");
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DynamoDbClient dynamo;
    @Inject
    S3Client s3;
    @Inject
    AirsyncHandler handler;
    @Inject
    TableStateStore stateStore;
    @Inject
    MappingProvider mappings;

    AirtableEmulator airtable;
    AwsStackProbe aws;

    @BeforeEach
    void freshStack() {
        airtable = AirtableEmulatorResource.emulator();
        airtable.options().latency(Duration.ZERO);
        airtable.faults().clear();
        airtable.reset(BASE);
        airtable.clearRequests();
        aws = new AwsStackProbe(dynamo, DynaliteResource.STATE_TABLE, s3, S3rverResource.BUCKET);
        aws.clear();
    }

    // ------------------------------------------------------------------------------------------------ payloads

    @Test
    void everyValidSamplePayloadSucceedsWithTheModeAndTablesItAskedFor() {
        Map<String, String> samples = SampleEvents.valid();
        assertTrue(samples.containsKey("scheduler.json") && samples.containsKey("scheduled-event.json"), samples.keySet().toString());
        for (Map.Entry<String, String> sample : samples.entrySet()) {
            String name = sample.getKey();
            airtable.clearRequests();
            Invocation invocation = FunctionInvoker.invoke(sample.getValue());
            JsonPath summary = invocation.summary();
            assertEquals(SampleEvents.expectedStatus(name), summary.getString("status"), name + ": " + summary.prettify());
            assertSummaryShape(invocation.body());
            assertNotNull(summary.getString("runId"), name);
            assertNotNull(summary.getString("reportUri"), name);
            assertNull(summary.getString("error"), name);

            boolean dryRun = name.contains("dry-run");
            String mode = dryRun ? "dry-run" : name.contains("reconcile") ? "reconcile" : "sync";
            assertEquals(mode, summary.getString("mode"), name);
            List<String> tables = name.equals("operator-dry-run.json") ? List.of("Users")
                    : name.equals("operator-tables.json") ? List.of("Events", "Messages") : TABLES;
            assertEquals(tables, summary.getList("tables.table"), name);
            if (dryRun) {
                assertEquals(List.of(), AirtableTraffic.writes(airtable.requests()), name + " wrote to Airtable");
            }
            if (mode.equals("reconcile")) {
                Set<String> listed = AirtableTraffic.lists(airtable.requests()).stream().map(AirtableTraffic::table)
                        .collect(Collectors.toSet());
                assertEquals(TABLES.size(), listed.size(), name + " reads every table back: " + listed);
            }
        }
        assertEquals(40, airtable.records(BASE, "Users").size());
    }

    @Test
    void refusedPayloadsAnswerInvalidNamingTheProblemAndTouchNothing() {
        assertEquals("succeeded", FunctionInvoker.invoke("{}").summary().getString("status"));
        // State and a report exist now: "nothing written" below is a comparison, not an empty bucket.
        List<Map<String, AttributeValue>> stateBefore = aws.stateItems();
        Map<String, String> reportsBefore = aws.reportObjects();
        assertFalse(stateBefore.isEmpty());
        assertEquals(5, reportsBefore.size(), "report, summary, problems file, latest twice: " + reportsBefore.keySet());
        airtable.clearRequests();

        Map<String, String> refused = new TreeMap<>(SampleEvents.invalid());
        refused.put("huge", SampleEvents.hugePayload());
        refused.put("duplicate-key", "{\"dryRun\":true,\"dryRun\":false}");
        refused.put("trailing-value", "{} {\"tables\":[\"Users\"]}");
        refused.put("scheduled-event-bad-detail", "{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":[1]}");
        refused.put("table-name-case", "{\"tables\":[\"users\"]}");
        // What each error must name: the key, the value or the table that is wrong.
        Map<String, List<String>> mustName = new LinkedHashMap<>();
        mustName.put("invalid/unknown-key.json", List.of("'dryrun'", "dryRun"));
        mustName.put("invalid/unknown-table.json", List.of("'Customers'", "Users, Events, Messages"));
        mustName.put("invalid/wrong-type.json", List.of("'dryRun'", "\"yes\""));
        mustName.put("invalid/empty-tables.json", List.of("'tables'", "empty"));
        mustName.put("invalid/tables-not-a-list.json", List.of("'tables'", "a string"));
        mustName.put("invalid/not-an-object.json", List.of("JSON object", "an array"));
        mustName.put("invalid/malformed.json", List.of("not valid JSON", "(line "));
        mustName.put("huge", List.of("larger than 16384 bytes"));
        mustName.put("duplicate-key", List.of("'dryRun'", "twice"));
        mustName.put("trailing-value", List.of("not valid JSON", "after the JSON value"));
        mustName.put("scheduled-event-bad-detail", List.of("'detail'", "an array"));
        mustName.put("table-name-case", List.of("'users'"));
        assertEquals(mustName.keySet(), refused.keySet(), "every refused sample has its expected error here");

        for (Map.Entry<String, String> payload : refused.entrySet()) {
            String name = payload.getKey();
            Invocation invocation = FunctionInvoker.invoke(payload.getValue());
            JsonPath summary = invocation.summary();
            assertEquals(SampleEvents.INVALID_STATUS, summary.getString("status"), name + ": " + invocation.body());
            assertSummaryShape(invocation.body());
            String error = summary.getString("error");
            for (String fragment : mustName.get(name)) {
                assertTrue(error.contains(fragment), name + ": the error should name " + fragment + ": " + error);
            }
            assertNull(summary.getString("runId"), name);
            assertNull(summary.getString("reportUri"), name);
            assertEquals(List.of(), summary.getList("tables"), name);
            assertTrue(invocation.body().length() < 1_000, name + ": the payload is not echoed: " + invocation.body().length());
        }

        assertEquals(List.of(), airtable.requests(), "a refused payload sends no request to Airtable");
        assertEquals(stateBefore, aws.stateItems(), "a refused payload writes no state, checkpoint or lock");
        assertEquals(reportsBefore, aws.reportObjects(), "a refused payload writes no report");
    }

    // --------------------------------------------------------------------------------- state and reports

    @Test
    void stateRoundTripsThroughDynamoDbAndASecondRunOverUnchangedDataSendsNoAirtableRequest() {
        JsonPath first = FunctionInvoker.invoke("{}").summary();
        assertEquals("succeeded", first.getString("status"), first.prettify());
        List<Integer> sourceCounts = first.getList("tables.sourceCount", Integer.class);
        assertEquals(first.getList("tables.created", Integer.class), sourceCounts, "a first run creates every record");

        // DynamoDB holds, per table, MongoDB _id -> the Airtable record that carries it.
        for (String table : TABLES) {
            TableState state = stateStore.loadTable(table, fieldNames(table));
            assertTrue(state.exists(), table);
            Map<String, String> expected = recordIdsByKey(table);
            Map<String, String> stored = state.records().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().recordId()));
            assertEquals(expected, stored, table);
        }
        assertTrue(aws.stateItems().stream().anyMatch(i -> i.get("pk").s().contains("Messages")),
                "the state is in DynamoDB, not in local files");

        airtable.clearRequests();
        JsonPath second = FunctionInvoker.invoke("{}").summary();
        assertEquals("succeeded", second.getString("status"), second.prettify());
        assertEquals(sourceCounts, second.getList("tables.unchanged", Integer.class));
        for (String count : List.of("created", "updated", "deleted", "failed")) {
            assertEquals(List.of(0, 0, 0), second.getList("tables." + count, Integer.class), count);
        }
        List<LoggedRequest> log = airtable.requests();
        assertEquals(List.of(), log, "nothing to write: not even the schema is read\n" + AirtableTraffic.describe(log));
        Map<String, Integer> requests = second.getMap("requests");
        for (String kind : List.of("schema", "list", "get", "create", "upsert", "update", "delete")) {
            assertEquals(0, requests.get(kind), kind);
        }
    }

    @Test
    void theReportLandsInS3UnderItsDatedKeyAndLatestAndTheStoredSummaryIsTheResponse() throws Exception {
        Invocation run = FunctionInvoker.invoke("{\"tables\":[\"Users\"]}");
        JsonPath summary = run.summary();
        String runId = summary.getString("runId");
        Instant started = Instant.parse(summary.getString("startedAt"));
        String dated = "reports/" + DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC).format(started)
                + "/" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started)
                + "-" + runId;
        assertEquals("s3://" + S3rverResource.BUCKET + "/" + dated + ".md", summary.getString("reportUri"));
        assertEquals("s3://" + S3rverResource.BUCKET + "/" + dated + ".json", summary.getString("summaryUri"));

        Map<String, String> objects = aws.reportObjects();
        // The demo data has problems (duplicate e-mails): every one of them is in the problems file beside the summary.
        assertEquals("s3://" + S3rverResource.BUCKET + "/" + dated + ".problems.jsonl", summary.getString("problemsUri"));
        assertEquals(Set.of(dated + ".md", dated + ".json", dated + ".problems.jsonl", "reports/latest.md",
                "reports/latest.json"), objects.keySet());
        long counted = summary.<Map<String, Integer>>getList("tables.problemsByType").stream()
                .flatMap(m -> m.values().stream()).mapToLong(Integer::longValue).sum()
                + summary.<Map<String, Integer>>getList("tables.failuresByType").stream()
                .flatMap(m -> m.values().stream()).mapToLong(Integer::longValue).sum();
        assertEquals(counted, objects.get(dated + ".problems.jsonl").lines().count(), "one line per problem counted");
        assertEquals(JSON.readTree(run.body()), JSON.readTree(objects.get(dated + ".json")),
                "the stored summary is the response");
        assertEquals(objects.get(dated + ".json"), objects.get("reports/latest.json"));
        assertEquals(objects.get(dated + ".md"), objects.get("reports/latest.md"));
        String markdown = objects.get(dated + ".md");
        assertTrue(markdown.contains(runId), markdown);
        assertTrue(markdown.contains("Users"), markdown);

        // A second run adds its own dated report, summary and problems file and moves latest; the first run's stay.
        Invocation next = FunctionInvoker.invoke("{\"tables\":[\"Users\"]}");
        Map<String, String> after = aws.reportObjects();
        assertEquals(8, after.size(), after.keySet().toString());
        assertEquals(objects.get(dated + ".json"), after.get(dated + ".json"));
        assertEquals(JSON.readTree(next.body()), JSON.readTree(after.get("reports/latest.json")));
    }

    @Test
    void aRunWithFailedRecordsIsPartialNotSucceeded() throws Exception {
        MongoCollection<Document> users = MongoWireResource.database().getCollection("users");
        Document victim = users.find().sort(Sorts.ascending("_id")).first();
        Object role = victim.get("role");
        // Not one of the select's options, and Airsync does not typecast: Airtable refuses that record.
        users.updateOne(Filters.eq("_id", victim.get("_id")), Updates.set("role", "Pirate King"));
        try {
            Invocation run = FunctionInvoker.invoke("{\"tables\":[\"Users\"]}");
            JsonPath summary = run.summary();
            assertEquals("partial", summary.getString("status"), summary.prettify());
            assertEquals("partial", summary.getString("tables[0].status"));
            assertEquals(1, summary.getInt("tables[0].failed"));
            assertEquals(39, summary.getInt("tables[0].created"));
            JsonNode stored = JSON.readTree(aws.readReport(aws.keyOf(summary.getString("summaryUri"))));
            assertEquals("partial", stored.get("status").asText());
        } finally {
            users.updateOne(Filters.eq("_id", victim.get("_id")), Updates.set("role", role));
        }
        JsonPath repaired = FunctionInvoker.invoke("{\"tables\":[\"Users\"]}").summary();
        assertEquals("succeeded", repaired.getString("status"), repaired.prettify());
        assertEquals(1, repaired.getInt("tables[0].created"), "the failed record is created once it is valid");
    }

    // ------------------------------------------------------------------------------------------------- lock

    @Test
    void anInvocationArrivingWhileAnotherRunsIsSkippedWithoutTouchingAirtable() throws Exception {
        assertEquals("succeeded", FunctionInvoker.invoke("{}").summary().getString("status"));
        airtable.clearRequests();
        // The second invocation arrives while the first one holds the lock, whatever the machine's speed: the
        // emulator runs it before it answers the first run's first Airtable request (the lock is taken before any).
        CompletableFuture<RunSummary> second = new CompletableFuture<>();
        airtable.faults().beforeNext(1, null, () -> {
            try {
                second.complete(handle("{\"reconcile\":true}"));
            } catch (Throwable t) {
                second.completeExceptionally(t);
            }
        });
        RunSummary first = handle("{\"reconcile\":true}");
        assertTrue(second.isDone(), "the second invocation ran during the first one's first Airtable request");
        RunSummary skipped = second.get(0, TimeUnit.SECONDS);

        assertEquals("succeeded", first.status(), first.toString());
        assertEquals("skipped", skipped.status(), skipped.toString());
        assertTrue(skipped.error().contains("in progress"), skipped.error());
        assertEquals(Map.of(), skipped.requests());
        assertNull(skipped.reportUri(), "a skipped run writes no report");
        List<LoggedRequest> log = airtable.requests();
        long syncingRunsRequests = requestsSent(first.requests());
        assertTrue(syncingRunsRequests > 0, "the syncing run read Airtable back");
        assertEquals(syncingRunsRequests, log.size(), "the syncing run's reads and nothing from the skipped one:\n"
                + AirtableTraffic.describe(log));
        assertNull(aws.stateItem("lock", "run"), "the lock is released");
    }

    @Test
    void aLiveLockMakesTheRunSkipWithoutAnyAirtableRequestAndAnExpiredOneIsTakenOver() {
        long now = Instant.now().getEpochSecond();
        aws.putStateItem(lock("another-run", now + 600));
        Invocation held = FunctionInvoker.invoke("{}");
        assertEquals("skipped", held.summary().getString("status"), held.body());
        assertEquals(List.of(), airtable.requests());
        assertEquals("another-run", aws.stateItem("lock", "run").get("owner").s(), "the holder keeps its lock");

        // The holder died without releasing it: once its lease has expired the next run takes it over.
        aws.putStateItem(lock("dead-run", now - 5));
        Invocation taken = FunctionInvoker.invoke("{}");
        assertEquals("succeeded", taken.summary().getString("status"), taken.body());
        assertNull(aws.stateItem("lock", "run"), "released after the run");
    }

    @Test
    void anUnreadableCheckpointIsSetAsideAndTheRunGoesOnAndReleasesTheLock() {
        aws.putStateItem(Map.of("pk", AttributeValue.fromS("run"), "sk", AttributeValue.fromS("checkpoint"),
                "checkpoint", AttributeValue.fromS("{\"runId\":")));
        Invocation run = FunctionInvoker.invoke("{}");
        JsonPath summary = run.summary();
        assertEquals("succeeded", summary.getString("status"), run.body());
        assertNull(aws.stateItem("run", "checkpoint"), "the unreadable checkpoint is removed, not kept to fail again");
        assertTrue(aws.reportObjects().values().stream().anyMatch(r -> r.contains("checkpoint")),
                "the report says the checkpoint was set aside");
        assertNull(aws.stateItem("lock", "run"), "the run releases the lock");
    }

    // -------------------------------------------------------------------------------------------- secrets

    @Test
    void theTokenAppearsInNoLogLineNorInAnySummaryOrReport() {
        String token = AirtableEmulatorResource.TOKEN;
        List<String> responses = new ArrayList<>();
        List<String> lines;
        try (LogCapture logs = LogCapture.start()) {
            responses.add(FunctionInvoker.invoke("{}").body());
            // Errors are where tokens leak: a server error retried, then a refused token.
            airtable.faults().failNext(2, 503);
            responses.add(FunctionInvoker.invoke("{\"reconcile\":true}").body());
            airtable.options().token("patRevoked.000000000000");
            try {
                // reconcile: a no-op run would send no request at all, and so never meet the refusal
                responses.add(FunctionInvoker.invoke("{\"reconcile\":true}").body());
            } finally {
                airtable.options().token(token);
            }
            lines = logs.lines();
        }
        assertEquals("failed", JsonPath.from(responses.get(2)).getString("status"), responses.get(2));
        assertTrue(lines.stream().anyMatch(l -> l.contains("succeeded")), "the capture saw the runs' log lines: " + lines);
        assertTrue(airtable.requests().stream().anyMatch(r -> r.status() == 200), "the token was used");
        String tail = token.substring(token.length() - 12);
        assertEquals(List.of(), lines.stream().filter(l -> l.contains(token) || l.contains(tail)).toList());
        for (String response : responses) {
            assertFalse(response.contains(tail), response);
        }
        aws.reportObjects().forEach((key, content) -> assertFalse(content.contains(tail), key));
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The handler called as the runtime loop calls it, with the payload's raw bytes (no Lambda context). */
    private RunSummary handle(String payload) throws java.io.IOException {
        return handler.handle(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), null);
    }

    /** What a summary's counts add up to as requests (request kinds only: not 429s, retries, penalty time or rates). */
    static long requestsSent(Map<String, Long> requests) {
        return requests.entrySet().stream()
                .filter(e -> !io.airsync.airtable.AirtableRequestStats.NOT_REQUEST_KINDS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    static void assertSummaryShape(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            assertEquals(SUMMARY_KEYS, keys, body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static Map<String, AttributeValue> lock(String owner, long expiresAt) {
        return Map.of("pk", AttributeValue.fromS("lock"), "sk", AttributeValue.fromS("run"),
                "owner", AttributeValue.fromS(owner), "expiresAt", AttributeValue.fromN(Long.toString(expiresAt)),
                "acquiredAt", AttributeValue.fromS(Instant.now().toString()));
    }

    private List<String> fieldNames(String table) {
        return table(table).fields().stream().map(FieldMapping::airtable).toList();
    }

    private TableMapping table(String name) {
        return mappings.mapping().table(name).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> recordIdsByKey(String table) {
        String key = table(table).keyField();
        return airtable.records(BASE, table).stream().collect(Collectors.toMap(
                r -> String.valueOf(((Map<String, Object>) r.get("fields")).get(key)), r -> String.valueOf(r.get("id"))));
    }
}
