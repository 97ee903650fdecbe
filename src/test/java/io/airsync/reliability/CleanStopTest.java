package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import io.airsync.state.CheckpointStore;
import io.airsync.state.RunCheckpoint;
import io.airsync.sync.LambdaInvoker;
import io.airsync.sync.MappingProvider;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.reliability.AirtableContent;
import io.airsync.testing.reliability.ReliabilityStack;
import io.airsync.testing.reliability.RunReportFiles;
import io.airsync.testing.time.JumpingTickerProducer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The clean stop: every long operation respects the run's deadline (the time budget), shown with an injected clock,
 * never wall time. The application's ticker ({@link JumpingTickerProducer}) jumps when the emulator receives a Users
 * request, so "this request took half the budget" is decided by the test, whatever the machine's speed; one request
 * at a time ({@code max-in-flight=1}) makes the order of requests and jumps fixed.
 *
 * <p>The emulator's own rate limit is off here: it counts real time, while the client paces on the jumping ticker,
 * so after a jump the two disagree about which second a request belongs to (the 429s these tests need are injected
 * as a storm instead). Users has mirror mode {@code delete} in this test's mapping (a copy of the default one).
 */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
@TestProfile(CleanStopTest.Budget.class)
class CleanStopTest {

    static final Duration BUDGET = Duration.ofMinutes(10);
    /** A Users request "takes" half the budget: two of them per invocation. */
    static final Duration HALF = BUDGET.dividedBy(2);
    static final String USERS = "{\"tables\": [\"Users\"]}";
    /** The client's wait after a 429, as Airtable's (the stack's 1 s would fit in what is left of the budget). */
    static final Duration PENALTY = Duration.ofSeconds(30);

    public static class Budget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("airsync.run.time-budget", BUDGET.toMinutes() + "M",
                    "airsync.airtable.max-in-flight", "1",
                    "airsync.airtable.rate-limit-penalty", PENALTY.toSeconds() + "S",
                    "airsync.mapping.location", mirroredMapping().toString());
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(JumpingTickerProducer.class);
        }

        /** The default mapping with mirror mode delete on Users. */
        static Path mirroredMapping() {
            try (InputStream in = CleanStopTest.class.getResourceAsStream("/mapping/default-mapping.yaml")) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replaceFirst("mirror: \\{ mode: off \\}", "mirror: { mode: delete }");
                Path file = Path.of(System.getProperty("user.dir"), "target", "clean-stop-mapping.yaml");
                Files.createDirectories(file.getParent());
                Files.writeString(file, text);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    AirtableEmulator airtable = ReliabilityStack.airtable();
    @Inject
    CheckpointStore checkpoints;
    @Inject
    MappingProvider mappings;

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        airtable.options().requestsPerSecond(0);
    }

    @AfterEach
    void rateLimitBack() {
        airtable.faults().clear();
        airtable.options().requestsPerSecond(ReliabilityStack.RATE);
    }

    @Test
    void a429StormAtTheEndOfUsersIsNotWaitedOutPastTheDeadlineTheRestIsWrittenNextTime() {
        new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(ReliabilityStack.database(), 40);
        // Users requests: the read-back, then upserts of 10. As the second upsert arrives the budget is all but
        // spent (ten seconds left, less the real time the run took), and a 429 storm begins: the client may not
        // wait out the 30 s penalty past the deadline.
        AtomicInteger usersRequests = new AtomicInteger();
        airtable.faults().beforeNext(1_000, "/Users", () -> {
            if (usersRequests.incrementAndGet() == 3) {
                JumpingTickerProducer.jump(BUDGET.minusSeconds(10));
                airtable.faults().rateLimitFor(Duration.ofMinutes(5));
            }
        });

        JsonPath first = LambdaInvoker.invoke(USERS);

        assertEquals("continued", first.getString("status"), first.prettify());
        assertEquals("continued", first.getString("tables[0].status"), first.prettify());
        assertTrue(first.getLong("requests.rateLimited") >= 1, first.prettify());
        RunCheckpoint checkpoint = checkpoints.load().orElseThrow(() -> new AssertionError("no checkpoint"));
        assertEquals("Users", checkpoint.currentTable());
        assertFalse(checkpoint.pending().isEmpty(), "the refused batches wait in the checkpoint");
        int landed = users().recordCount("Users");
        assertTrue(landed > 0 && landed < 40, "stopped inside Users: " + landed);
        assertEquals(landed, first.getInt("tables[0].created"), "what landed is counted");
        assertEquals(0, first.getInt("tables[0].failed"), "nothing failed: deferred " + first.prettify());
        assertTrue(RunReportFiles.rawReport(first).contains("not sent before the deadline"),
                RunReportFiles.rawReport(first));

        airtable.faults().clear(); // the storm is over, and so is the penalty
        JumpingTickerProducer.jump(PENALTY);
        List<JsonPath> later = untilDone(5);
        JsonPath last = later.get(later.size() - 1);
        assertEquals("succeeded", last.getString("status"), last.prettify());
        assertEquals(first.getString("runId"), last.getString("runId"), "one run across invocations");
        assertEquals(40, last.getInt("tables[0].sourceCount"), last.prettify());
        assertEquals(40, last.getInt("tables[0].created"), last.prettify());
        assertEquals(0, last.getInt("tables[0].failed"), last.prettify());
        AirtableContent content = users();
        assertEquals(List.of(), content.duplicateKeys());
        assertEquals(40, content.recordCount("Users"), "nothing lost");
        assertTrue(checkpoints.load().isEmpty());
    }

    @Test
    void aReadBackOf10000RecordsWithATwoPageBudgetResumesAcrossInvocationsUntilEveryRecordIsAdopted() {
        seedUsersInBoth(10_000);
        airtable.faults().beforeNext(1_000_000, "/Users", () -> JumpingTickerProducer.jump(HALF));
        airtable.clearRequests();

        List<JsonPath> runs = new ArrayList<>();
        List<Integer> listsPerInvocation = new ArrayList<>();
        runs.add(LambdaInvoker.invoke(USERS));
        listsPerInvocation.add(usersLists());
        while ("continued".equals(runs.get(runs.size() - 1).getString("status")) && runs.size() < 60) {
            RunCheckpoint checkpoint = checkpoints.load().orElseThrow();
            assertNotNull(checkpoint.readBack(), "the read-back's place is in the checkpoint");
            assertEquals(0, checkpoint.readBack().stalls());
            airtable.clearRequests();
            runs.add(LambdaInvoker.invoke("{}"));
            listsPerInvocation.add(usersLists());
        }

        JsonPath last = runs.get(runs.size() - 1);
        assertEquals("succeeded", last.getString("status"), last.prettify());
        // 100 pages, two per invocation: 50 invocations read back, the last of them also reaching the documents
        // (and stopping at once: the budget is spent), one more adopts them.
        assertEquals(51, runs.size(), "invocations: " + listsPerInvocation);
        assertTrue(listsPerInvocation.stream().allMatch(n -> n <= 2), "two pages per invocation: " + listsPerInvocation);
        assertEquals(100, listsPerInvocation.stream().mapToInt(Integer::intValue).sum(), "each page read once");
        assertEquals(10_000, last.getInt("tables[0].sourceCount"), last.prettify());
        assertEquals(0, last.getInt("tables[0].created"), "every record adopted, none created: " + last.prettify());
        assertEquals(10_000, last.getInt("tables[0].unchanged") + last.getInt("tables[0].updated"), last.prettify());
        assertEquals(0, last.getInt("tables[0].failed"), last.prettify());
        AirtableContent content = users();
        assertEquals(List.of(), content.duplicateKeys());
        assertEquals(10_000, content.recordCount("Users"));

        // Every record is in the state now: the next run reads nothing back and writes nothing.
        airtable.faults().clear();
        airtable.clearRequests();
        JsonPath next = LambdaInvoker.invoke(USERS);
        assertEquals("succeeded", next.getString("status"), next.prettify());
        assertEquals(0, usersLists(), "no read-back");
        assertEquals(0, next.getInt("tables[0].created") + next.getInt("tables[0].updated"), next.prettify());
    }

    @Test
    void anOffsetAirtableForgetsOnceRestartsTheListingKeepingWhatWasRead() {
        seedUsersInBoth(1_000);
        airtable.faults().beforeNext(1_000_000, "/Users", () -> JumpingTickerProducer.jump(HALF));

        List<JsonPath> runs = new ArrayList<>();
        runs.add(LambdaInvoker.invoke(USERS));
        runs.add(LambdaInvoker.invoke("{}"));
        assertEquals("continued", runs.get(1).getString("status"));
        airtable.forgetListOffsets();
        while ("continued".equals(runs.get(runs.size() - 1).getString("status")) && runs.size() < 20) {
            runs.add(LambdaInvoker.invoke("{}"));
            if ("continued".equals(runs.get(runs.size() - 1).getString("status"))) {
                RunCheckpoint.ReadBack readBack = checkpoints.load().orElseThrow().readBack();
                assertEquals(1, readBack.stalls(), "one stall: " + readBack);
                assertFalse(readBack.cut());
            }
        }

        JsonPath last = runs.get(runs.size() - 1);
        assertEquals("succeeded", last.getString("status"), last.prettify());
        assertEquals(1_000, last.getInt("tables[0].sourceCount"));
        assertEquals(0, last.getInt("tables[0].created"), last.prettify());
        assertEquals(0, last.getInt("tables[0].failed"), last.prettify());
        for (JsonPath run : runs) {
            assertFalse(RunReportFiles.rawReport(run).contains("was cut"), RunReportFiles.rawReport(run));
        }
        AirtableContent content = users();
        assertEquals(List.of(), content.duplicateKeys());
        assertEquals(1_000, content.recordCount("Users"));
    }

    @Test
    void anOffsetAirtableAlwaysForgetsCutsTheReadBackAfterThreeStallsWithAWarningAndNothingIsDuplicated() {
        seedUsersInBoth(300);
        airtable.faults().beforeNext(1_000_000, "/Users", () -> JumpingTickerProducer.jump(HALF));

        // Reports are read at once: invocations of one run within the same second share a report name.
        List<JsonPath> runs = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        List<RunCheckpoint.ReadBack> places = new ArrayList<>();
        runs.add(LambdaInvoker.invoke(USERS));
        reports.add(RunReportFiles.rawReport(runs.get(0)));
        while ("continued".equals(runs.get(runs.size() - 1).getString("status")) && runs.size() < 20) {
            places.add(checkpoints.load().orElseThrow().readBack());
            airtable.forgetListOffsets();
            runs.add(LambdaInvoker.invoke("{}"));
            reports.add(RunReportFiles.rawReport(runs.get(runs.size() - 1)));
        }

        JsonPath last = runs.get(runs.size() - 1);
        assertEquals("succeeded", last.getString("status"), last.prettify());
        assertEquals(List.of(0, 1, 2), places.stream().filter(p -> !p.cut()).map(RunCheckpoint.ReadBack::stalls).toList(),
                "a stall per invocation until the third cuts: " + places);
        assertTrue(places.stream().anyMatch(p -> p.cut() && p.stalls() == 3), places.toString());
        long warned = reports.stream().filter(r -> r.contains("was cut after 3 times")).count();
        assertEquals(1, warned, "the cut is warned about once");
        assertEquals(300, last.getInt("tables[0].sourceCount"));
        assertEquals(0, last.getInt("tables[0].created"), "records not read back are upserted on their key: "
                + last.prettify());
        assertEquals(0, last.getInt("tables[0].failed"), last.prettify());
        AirtableContent content = users();
        assertEquals(List.of(), content.duplicateKeys());
        assertEquals(300, content.recordCount("Users"));
    }

    @Test
    void mirrorDeletesInterruptedByTheDeadlineResumeFromTheStateInTheNextInvocation() {
        new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(ReliabilityStack.database(), 40);
        JsonPath synced = LambdaInvoker.invoke(USERS);
        assertEquals("succeeded", synced.getString("status"), synced.prettify());
        assertEquals(40, users().recordCount("Users"));

        MongoCollection<Document> users = ReliabilityStack.database().getCollection("users");
        List<Object> ids = new ArrayList<>();
        users.find().sort(new Document("_id", 1)).limit(30).forEach(d -> ids.add(d.get("_id")));
        users.deleteMany(new Document("_id", new Document("$in", ids)));
        // Each delete request takes half the budget: two batches of ten this invocation, the third the next.
        airtable.faults().beforeNext(1_000_000, "/Users", () -> JumpingTickerProducer.jump(HALF));
        airtable.clearRequests();

        JsonPath first = LambdaInvoker.invoke(USERS);
        assertEquals("continued", first.getString("status"), first.prettify());
        assertEquals(20, first.getInt("tables[0].deleted"), first.prettify());
        assertEquals(20, users().recordCount("Users"), "two batches of ten deleted, one left for the next invocation");
        assertEquals(2, airtable.requests().stream().filter(r -> "DELETE".equals(r.method())).count());

        airtable.clearRequests();
        JsonPath second = LambdaInvoker.invoke("{}");
        assertEquals("succeeded", second.getString("status"), second.prettify());
        assertEquals(30, second.getInt("tables[0].deleted"), "the run's deletes, each once: " + second.prettify());
        assertEquals(0, second.getInt("tables[0].failed"), second.prettify());
        assertEquals(1, airtable.requests().stream().filter(r -> "DELETE".equals(r.method())).count(),
                "only the third batch is sent");
        AirtableContent content = users();
        assertEquals(10, content.recordCount("Users"));
        assertEquals(List.of(), content.duplicateKeys());
    }

    /**
     * Typed resume end to end: Users with every kind of {@code _id} (int, long, plain and 24-hex-digit strings, UUID,
     * ObjectId, mixed in one collection) synced across invocations that each stop after two requests; every
     * invocation resumes after the last {@code _id} in MongoDB's type order, so each user lands exactly once.
     */
    @Test
    void everyKindOfIdResumesAcrossInvocationsInMongoDbsTypeOrder() {
        new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(ReliabilityStack.database(), 42);
        MongoCollection<Document> users = ReliabilityStack.database().getCollection("users");
        List<Document> docs = new ArrayList<>();
        users.find().forEach(docs::add);
        users.drop();
        for (int i = 0; i < docs.size(); i++) {
            docs.get(i).put("_id", switch (i % 6) {
                case 0 -> i;
                case 1 -> (1L << 40) + i;
                case 2 -> "user-" + i;
                case 3 -> String.format("%024x", i); // looks like an ObjectId, stays a string
                case 4 -> new org.bson.types.Binary(org.bson.BsonBinarySubType.UUID_STANDARD,
                        java.nio.ByteBuffer.allocate(16).putLong(0x4000_0000_0000_0000L | i).putLong(i).array());
                default -> new ObjectId();
            });
        }
        users.insertMany(docs);
        airtable.faults().beforeNext(1_000_000, "/Users", () -> JumpingTickerProducer.jump(HALF));

        List<JsonPath> runs = new ArrayList<>();
        runs.add(LambdaInvoker.invoke(USERS));
        runs.addAll(untilDone(20));

        JsonPath last = runs.get(runs.size() - 1);
        assertEquals("succeeded", last.getString("status"), last.prettify());
        assertTrue(runs.size() >= 4, "stopped and resumed several times: " + runs.size());
        assertEquals(42, last.getInt("tables[0].sourceCount"), last.prettify());
        assertEquals(42, last.getInt("tables[0].created"), last.prettify());
        assertEquals(0, last.getInt("tables[0].failed"), last.prettify());
        AirtableContent content = users();
        assertEquals(List.of(), content.duplicateKeys());
        assertEquals(42, content.recordCount("Users"), "each kind of _id, none skipped");
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Invokes (a continuation payload) until the run is no longer continued; at most {@code max} times. */
    private List<JsonPath> untilDone(int max) {
        List<JsonPath> runs = new ArrayList<>();
        do {
            runs.add(LambdaInvoker.invoke("{}"));
        } while ("continued".equals(runs.get(runs.size() - 1).getString("status")) && runs.size() < max);
        return runs;
    }

    private int usersLists() {
        return (int) airtable.requests().stream()
                .filter(r -> "GET".equals(r.method()) && r.path().endsWith("/Users"))
                .count();
    }

    private AirtableContent users() {
        return AirtableContent.read(airtable, ReliabilityStack.BASE_ID, mappings.mapping());
    }

    /**
     * {@code n} small user documents in MongoDB and the same users already in Airtable, keyed by their
     * {@code _id} (an earlier sync whose state was lost): the run must read them back and adopt them.
     */
    private void seedUsersInBoth(int n) {
        MongoCollection<Document> users = ReliabilityStack.database().getCollection("users");
        users.drop();
        List<Document> docs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectId id = new ObjectId();
            String email = "user" + i + "@example.com";
            docs.add(new Document("_id", id).append("email", email).append("firstName", "User " + i));
            Map<String, Object> fields = new HashMap<>();
            fields.put("Mongo ID", id.toHexString());
            fields.put("Email", email);
            fields.put("First Name", "User " + i);
            airtable.putRecord(ReliabilityStack.BASE_ID, "Users", fields);
        }
        users.insertMany(docs);
    }
}
