package io.airsync.airtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.EmulatorOptions;
import io.airsync.testing.airtable.LoggedRequest;
import io.airsync.testing.airtable.OneWayDelay;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the Airtable emulator over HTTP: paging, batching, pacing measured at the emulator, 429 gate,
 * retries of 5xx / timeouts / dropped connections, typed errors, upsert, long-URL lists, expired list iterators, and
 * the token kept out of logs. Runs in Quarkus because the REST client needs the Quarkus runtime.
 */
@QuarkusTest
@TestProfile(AirtableClientTestProfile.class)
class AirtableClientEmulatorTest {
    static final String BASE = "appClientTest00001";
    static final String TOKEN_SECRET_PART = "SECRET0123456789abcdef";
    static final String TOKEN = "patClientTest." + TOKEN_SECRET_PART;
    static final Duration PENALTY = Duration.ofSeconds(1);
    static final String SCHEMA = """
            {"tables":[
              {"name":"Users","fields":[
                {"name":"Key","type":"singleLineText"},
                {"name":"Name","type":"singleLineText"},
                {"name":"Age","type":"number","options":{"precision":0}}]},
              {"name":"My Table","fields":[{"name":"Name","type":"singleLineText"}]}
            ]}""";

    AirtableEmulator emulator;
    AirtableClient client;
    AirtableBase base;
    AirtableTable users;

    @BeforeEach
    void start() {
        emulator = AirtableEmulator.start(new EmulatorOptions().token(TOKEN).requestsPerSecond(5).penalty(PENALTY));
        emulator.addBase(BASE, SCHEMA);
        client = new AirtableClient(settings(Duration.ofSeconds(5)));
        base = client.base(BASE, TOKEN);
        users = base.table("Users");
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    AirtableSettings settings(Duration readTimeout) {
        return AirtableSettings.defaults(emulator.url()).withRateLimitPenalty(PENALTY).withRetries(4, 3)
                .withTimeouts(Duration.ofSeconds(2), readTimeout);
    }

    /** Requests to our base, oldest first. */
    List<LoggedRequest> requests() {
        return emulator.requests().stream().filter(r -> BASE.equals(r.baseId())).toList();
    }

    void seedUsers(int n) {
        for (int i = 1; i <= n; i++) {
            emulator.putRecord(BASE, "Users", Map.of("Key", "k" + i, "Name", "User " + i, "Age", i));
        }
    }

    static Map<String, Object> user(String key, String name) {
        return Map.of("Key", key, "Name", name);
    }

    // ------------------------------------------------------------------------------------------- paging, batching

    @Test
    void lists250RecordsInThreePages() {
        seedUsers(250);
        List<Integer> pageSizes = new ArrayList<>();
        users.forEachPage(ListOptions.all(), page -> pageSizes.add(page.size()));
        assertEquals(List.of(100, 100, 50), pageSizes);

        List<AirtableRecord> all = users.listAll(ListOptions.all().withFields(List.of("Key", "Age")));
        assertEquals(250, all.size());
        assertEquals(250, all.stream().map(AirtableRecord::id).distinct().count());
        assertEquals(Set.of("Key", "Age"), all.get(0).fields().keySet());

        List<AirtableRecord> byId = users.listAll(ListOptions.all().withMaxRecords(5).withReturnFieldsByFieldId(true));
        assertEquals(5, byId.size());
        assertTrue(byId.get(0).fields().keySet().stream().allMatch(k -> k.startsWith("fld")), byId.get(0).fields().toString());

        List<LoggedRequest> lists = requests();
        assertEquals(7, lists.size());
        assertTrue(lists.stream().allMatch(r -> r.method().equals("GET") && r.path().equals("/v0/" + BASE + "/Users")));
        assertTrue(lists.get(1).query().contains("offset="), "second page asks for the offset: " + lists.get(1).query());
        assertEquals(7, base.stats().count(RequestKind.LIST));
    }

    @Test
    void maxRecordsAndPageSize() {
        seedUsers(30);
        List<Integer> pageSizes = new ArrayList<>();
        users.forEachPage(ListOptions.all().withPageSize(10).withMaxRecords(25), page -> pageSizes.add(page.size()));
        assertEquals(List.of(10, 10, 5), pageSizes);
    }

    @Test
    void writes25RecordsIn3Requests() {
        List<Map<String, Object>> rows = IntStream.rangeClosed(1, 25).mapToObj(i -> user("k" + i, "User " + i)).toList();
        List<AirtableRecord> created = users.create(rows, WriteOptions.DEFAULT);
        assertEquals(25, created.size());
        assertEquals(25, emulator.records(BASE, "Users").size());
        List<LoggedRequest> posts = requests();
        assertEquals(3, posts.size());
        assertTrue(posts.stream().allMatch(r -> r.method().equals("POST") && r.status() == 200));
        assertEquals(3, base.stats().count(RequestKind.CREATE));

        List<AirtableRecord> renamed = created.stream()
                .map(r -> new AirtableRecord(r.id(), null, Map.of("Name", "Renamed " + r.fields().get("Key")))).toList();
        assertEquals(25, users.update(renamed, WriteOptions.DEFAULT).size());
        assertTrue(emulator.records(BASE, "Users").stream().allMatch(r -> fields(r).get("Name").toString().startsWith("Renamed")));
        assertEquals(3, base.stats().count(RequestKind.UPDATE));

        // PUT replaces: cells not given are cleared.
        users.update(List.of(new AirtableRecord(created.get(0).id(), null, Map.of("Key", "k1"))), new WriteOptions(false, true));
        assertEquals("PUT", requests().get(requests().size() - 1).method());
        assertFalse(fields(users.get(created.get(0).id())).containsKey("Name"));

        List<String> ids = created.stream().map(AirtableRecord::id).toList();
        assertEquals(ids, users.delete(ids));
        assertEquals(0, emulator.records(BASE, "Users").size());
        List<LoggedRequest> deletes = requests().stream().filter(r -> r.method().equals("DELETE")).toList();
        assertEquals(3, deletes.size());
        assertTrue(deletes.get(0).query().contains("records"), deletes.get(0).query());
    }

    @Test
    void upsertReportsCreatedAndUpdated() {
        seedUsers(3);
        List<Map<String, Object>> rows = IntStream.rangeClosed(1, 15).mapToObj(i -> user("k" + i, "Upserted " + i)).toList();
        UpsertResult result = users.upsert(rows, List.of("Key"), new WriteOptions(true, false));
        assertEquals(15, result.records().size());
        assertEquals(12, result.createdRecords().size());
        assertEquals(3, result.updatedRecords().size());
        Set<String> all = new HashSet<>(result.createdRecords());
        all.addAll(result.updatedRecords());
        assertEquals(result.records().stream().map(AirtableRecord::id).collect(Collectors.toSet()), all);
        assertEquals(15, emulator.records(BASE, "Users").size());
        assertEquals(2, base.stats().count(RequestKind.UPSERT));
        assertTrue(requests().get(0).body().contains("\"performUpsert\":{\"fieldsToMergeOn\":[\"Key\"]}"), requests().get(0).body());
        assertTrue(requests().get(0).body().contains("\"typecast\":true"), requests().get(0).body());
    }

    @Test
    void tableNamesAreUrlEncodedAndSchemaIsRead() {
        AirtableTable spaced = base.table("My Table");
        AirtableRecord r = spaced.create(List.of(Map.of("Name", "x")), WriteOptions.DEFAULT).get(0);
        assertEquals("x", spaced.get(r.id()).fields().get("Name"));
        assertEquals("/v0/" + BASE + "/My Table", requests().get(0).path());

        BaseSchema schema = base.schema();
        BaseSchema.TableSchema usersSchema = schema.table("Users").orElseThrow();
        assertEquals("number", usersSchema.field("Age").orElseThrow().type());
        assertTrue(schema.table("My Table").isPresent());
        assertEquals(1, base.stats().count(RequestKind.SCHEMA));
    }

    @Test
    void longListUrlGoesAsPostListRecords() {
        seedUsers(20);
        String formula = "OR(" + IntStream.rangeClosed(1, 1500).mapToObj(i -> "{Key}='k" + i + "'")
                .collect(Collectors.joining(",")) + ")";
        assertTrue(formula.length() > AirtableLimits.MAX_URL_LENGTH);
        List<AirtableRecord> found = users.listAll(ListOptions.all().withFilterByFormula(formula).withPageSize(7));
        assertEquals(20, found.size());
        List<LoggedRequest> lists = requests();
        assertEquals(3, lists.size(), "20 records in pages of 7");
        assertTrue(lists.stream().allMatch(r -> r.method().equals("POST") && r.path().equals("/v0/" + BASE + "/Users/listRecords")));
        assertTrue(lists.get(1).body().contains("\"offset\""), "the offset travels in the body");

        // A short formula stays a GET.
        assertEquals(1, users.listAll(ListOptions.all().withFilterByFormula("{Key}='k3'")).size());
        assertEquals("GET", requests().get(requests().size() - 1).method());
    }

    // ------------------------------------------------------------------------------------------------ pacing

    @Test
    void thirtyRequestsFromSixThreadsNeverExceedFivePerSecondAtTheServer() throws Exception {
        AirtableRecord r = users.create(List.of(user("k1", "One")), WriteOptions.DEFAULT).get(0);
        emulator.clearRequests();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<AirtableRecord>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                calls.add(threads.submit(() -> users.get(r.id())));
            }
            for (Future<AirtableRecord> f : calls) {
                assertEquals(r.id(), f.get(60, TimeUnit.SECONDS).id());
            }
        } finally {
            threads.shutdownNow();
        }
        List<Instant> arrivals = requests().stream().map(LoggedRequest::at).sorted().toList();
        assertEquals(30, arrivals.size());
        for (int i = 0; i + 5 < arrivals.size(); i++) {
            Duration span = Duration.between(arrivals.get(i), arrivals.get(i + 5));
            assertTrue(span.compareTo(Duration.ofSeconds(1)) >= 0,
                    "requests " + i + ".." + (i + 5) + " arrived within " + span.toMillis() + " ms: 6 in one second");
        }
        assertEquals(0, base.stats().snapshot().get("rateLimited"));
        assertTrue(requests().stream().allMatch(x -> x.status() == 200));
    }

    /**
     * Arrivals are not departures (0-100 ms each way) and another client spends 2 of the base's 5 requests/s: the
     * arrival log never shows 6 of ours within one second, and the other client's 429s lower our rate.
     */
    @Test
    void underJitterAndACompetingClientSixOfOursNeverArriveWithinOneSecond() throws Exception {
        AirtableRecord r = users.create(List.of(user("k1", "One")), WriteOptions.DEFAULT).get(0);
        emulator.clearRequests();
        emulator.options().oneWayDelay(OneWayDelay.parse("0-100ms")).competingRequestsPerSecond(2);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<AirtableRecord>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(threads.submit(() -> users.get(r.id())));
            }
            for (Future<AirtableRecord> f : calls) {
                assertEquals(r.id(), f.get(60, TimeUnit.SECONDS).id());
            }
        } finally {
            threads.shutdownNow();
            emulator.options().oneWayDelay(OneWayDelay.NONE).competingRequestsPerSecond(0);
        }
        List<LoggedRequest> log = requests();
        List<Instant> ours = log.stream().filter(x -> !x.isCompetingClient()).map(LoggedRequest::at).sorted().toList();
        assertTrue(log.stream().anyMatch(LoggedRequest::isCompetingClient), "the competing client was there");
        assertTrue(ours.size() >= 16);
        for (int i = 0; i + 5 < ours.size(); i++) {
            Duration span = Duration.between(ours.get(i), ours.get(i + 5));
            assertTrue(span.compareTo(Duration.ofSeconds(1)) >= 0,
                    "our requests " + i + ".." + (i + 5) + " arrived within " + span.toMillis() + " ms");
        }
        Map<String, Long> stats = base.stats().snapshot();
        long ours429 = log.stream().filter(x -> !x.isCompetingClient() && x.status() == 429).count();
        assertEquals(ours429, stats.get("rateLimited"));
        assertTrue(ours429 >= 1, "5 of ours and 2 of theirs do not fit into one second");
        assertTrue(stats.get(AirtableRequestStats.LOWEST_REQUESTS_PER_MINUTE) < 5 * 60,
                "the other client's 429 lowered our rate: " + stats);
        assertTrue(stats.get(AirtableRequestStats.PENALTY_WAIT_MS) >= PENALTY.toMillis(), stats.toString());
    }

    /**
     * Round trips are measured from leaving to the answer: with 40 ms each way at the emulator none is shorter than
     * 80 ms, and every request sent has one (what the report's "Round trip to Airtable" row shows).
     */
    @Test
    void everyRequestSentHasItsRoundTripMeasured() throws Exception {
        emulator.options().oneWayDelay(OneWayDelay.parse("40ms"));
        Map<String, Long> stats;
        Map<String, Long> one;
        try {
            AirtableRecord r = users.create(List.of(user("k1", "One")), WriteOptions.DEFAULT).get(0);
            getConcurrently(users, r.id(), 6);
            stats = base.stats().snapshot();
            users.get(r.id());
            one = AirtableRequestStats.delta(stats, base.stats().snapshot());
        } finally {
            emulator.options().oneWayDelay(OneWayDelay.NONE);
        }
        long sent = stats.entrySet().stream().filter(e -> !AirtableRequestStats.NOT_REQUEST_KINDS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(7, sent, stats.toString());
        assertEquals(sent, stats.get(AirtableRequestStats.ROUND_TRIPS), stats.toString());
        assertTrue(stats.get(AirtableRequestStats.SHORTEST_ROUND_TRIP_MS) >= 80, stats.toString());
        assertTrue(stats.get(AirtableRequestStats.ROUND_TRIP_MS) >= sent * 80, stats.toString());
        assertEquals(1, one.get(AirtableRequestStats.ROUND_TRIPS), one.toString());
        assertTrue(one.get(AirtableRequestStats.ROUND_TRIP_MS) >= 80, one.toString());
        // A level, not a difference of two snapshots.
        assertTrue(one.get(AirtableRequestStats.SHORTEST_ROUND_TRIP_MS) >= 80, one.toString());
    }

    /**
     * The adaptive rate over HTTP: another client's 429 lowers ours to 4 a second (read from the emulator's arrival
     * log: never 5 of ours within a second after the penalty), and once {@code RECOVERY_AFTER} passed without a 429
     * (the client's ticker jumps there; no wall-time wait) it is back at 5, still never 6 in a second.
     */
    @Test
    void aForeignRateLimitLowersOurRateOverHttpAndItRecoversLater() throws Exception {
        AtomicLong jumped = new AtomicLong();
        AirtableClient jumping = new AirtableClient(settings(Duration.ofSeconds(5)), () -> System.nanoTime() + jumped.get());
        try {
            AirtableTable table = jumping.base(BASE, TOKEN).table("Users");
            AirtableRecord r = table.create(List.of(user("k1", "One")), WriteOptions.DEFAULT).get(0);
            emulator.clearRequests();
            emulator.options().competingRequestsPerSecond(3);
            getConcurrently(table, r.id(), 12);
            emulator.options().competingRequestsPerSecond(0);
            AirtableRequestStats stats = jumping.base(BASE, TOKEN).stats();
            double lowered = stats.requestsPerSecondNow();
            assertTrue(lowered <= 4.0, "lowered after the other client's 429: " + lowered);
            List<LoggedRequest> phase1 = requests();
            Instant penaltyOver = phase1.stream().filter(x -> x.status() == 429 && !x.isCompetingClient())
                    .map(LoggedRequest::at).max(Instant::compareTo).orElseThrow().plus(PENALTY);
            assertNoneWithin(phase1.stream().filter(x -> !x.isCompetingClient() && x.at().isAfter(penaltyOver))
                    .map(LoggedRequest::at).toList(), 4, "at 4 a second or less");

            // No 429 any more: each RECOVERY_AFTER (the ticker jumps over it) gives one step back, up to 5, at the
            // next request. The emulator keeps its penalty and window in real time, which a jump skips: its last
            // penalty ends first, and one request a step stays far below its 5 a second.
            Thread.sleep(PENALTY.plusMillis(200).toMillis());
            for (int step = 0; step < 5 && stats.requestsPerSecondNow() < 5.0; step++) {
                jumped.addAndGet(RequestPacer.RECOVERY_AFTER.toNanos());
                assertEquals(r.id(), table.get(r.id()).id());
            }
            assertEquals(5.0, stats.requestsPerSecondNow(), 1e-9, "recovered without a further 429");
            // Back at 5: a burst from 6 threads (after the window of the step requests ran out) stays within 5 a second.
            Thread.sleep(RequestPacer.AIRTABLE_WINDOW.plusMillis(100).toMillis());
            emulator.clearRequests();
            getConcurrently(table, r.id(), 12);
            List<LoggedRequest> phase2 = requests();
            assertEquals(0, phase2.stream().filter(x -> x.status() == 429).count(), phase2::toString);
            assertNoneWithin(phase2.stream().map(LoggedRequest::at).toList(), 5, "at 5 a second");
        } finally {
            jumping.close();
            emulator.options().competingRequestsPerSecond(0);
        }
    }

    private static void getConcurrently(AirtableTable table, String id, int calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<AirtableRecord>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(threads.submit(() -> table.get(id)));
            }
            for (Future<AirtableRecord> f : futures) {
                assertEquals(id, f.get(120, TimeUnit.SECONDS).id());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** No {@code perSecond + 1} of these arrivals within one second. */
    private static void assertNoneWithin(List<Instant> arrivals, int perSecond, String what) {
        List<Instant> sorted = arrivals.stream().sorted().toList();
        for (int i = 0; i + perSecond < sorted.size(); i++) {
            Duration span = Duration.between(sorted.get(i), sorted.get(i + perSecond));
            assertTrue(span.compareTo(Duration.ofSeconds(1)) >= 0, what + ": arrivals " + i + ".." + (i + perSecond)
                    + " within " + span.toMillis() + " ms");
        }
    }

    @Test
    void a429BlocksEveryThreadForThePenaltyThenRetries() throws Exception {
        seedUsers(1);
        String id = users.listAll(ListOptions.all()).get(0).id();
        emulator.clearRequests();
        emulator.faults().rateLimitFor(PENALTY);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<AirtableRecord>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(threads.submit(() -> users.get(id)));
            }
            for (Future<AirtableRecord> f : calls) {
                assertEquals(id, f.get(60, TimeUnit.SECONDS).id());
            }
        } finally {
            threads.shutdownNow();
        }
        List<LoggedRequest> log = requests();
        LoggedRequest first429 = log.stream().filter(x -> x.status() == 429).findFirst().orElseThrow();
        // Once the client has seen the 429 (a few ms), nothing is sent until the penalty is over.
        Instant gateClosed = first429.at().plusMillis(100);
        Instant gateOpen = first429.at().plus(PENALTY).minusMillis(20);
        List<LoggedRequest> during = log.stream().filter(x -> x.at().isAfter(gateClosed) && x.at().isBefore(gateOpen)).toList();
        assertEquals(List.of(), during, "requests sent while the base was blocked");
        long rateLimited = log.stream().filter(x -> x.status() == 429).count();
        assertEquals(rateLimited, base.stats().snapshot().get("rateLimited"));
        assertEquals(6, log.stream().filter(x -> x.status() == 200).count());
        assertEquals(6 + rateLimited, base.stats().count(RequestKind.GET), "every request sent is counted");
    }

    @Test
    void rateLimitRetriesRunOut() {
        seedUsers(1);
        emulator.faults().rateLimitFor(Duration.ofSeconds(30));
        AirtableClient impatient = new AirtableClient(settings(Duration.ofSeconds(5))
                .withRateLimitPenalty(Duration.ofMillis(200)).withRetries(4, 2));
        try {
            AirtableException e = assertThrows(AirtableRateLimitException.class,
                    () -> impatient.base(BASE, TOKEN).table("Users").listAll(ListOptions.all()));
            assertEquals(429, e.status());
            assertEquals("RATE_LIMIT_REACHED", e.type());
            assertEquals(3, impatient.base(BASE, TOKEN).stats().snapshot().get("rateLimited"), "1 + 2 retries");
        } finally {
            impatient.close();
            emulator.faults().clear();
        }
    }

    // ------------------------------------------------------------------------------------------------ retries

    @Test
    void twice503ThenSuccess() {
        seedUsers(3);
        emulator.faults().failNext(2, 503);
        assertEquals(3, users.listAll(ListOptions.all()).size());
        assertEquals(List.of(503, 503, 200), requests().stream().map(LoggedRequest::status).toList());
        assertEquals(2, base.stats().snapshot().get("retries"));
        assertEquals(3, base.stats().count(RequestKind.LIST));
    }

    @Test
    void serverErrorsRunOutOfRetries() {
        emulator.faults().failNext(10, 500);
        AirtableException e = assertThrows(AirtableServerException.class, () -> users.listAll(ListOptions.all()));
        assertEquals(500, e.status());
        assertEquals("SERVER_ERROR", e.type());
        assertTrue(e.getMessage().startsWith("list of table 'Users' (page 1): 500 SERVER_ERROR"), e.getMessage());
        assertEquals(5, requests().size(), "1 + maxRetries 4");
        emulator.faults().clear();
    }

    @Test
    void timeoutIsRetried() {
        AirtableClient quick = new AirtableClient(settings(Duration.ofMillis(500)));
        try {
            AirtableTable t = quick.base(BASE, TOKEN).table("Users");
            emulator.faults().delayNext(1, Duration.ofMillis(2500));
            assertEquals(0, t.listAll(ListOptions.all()).size());
            assertEquals(1, quick.base(BASE, TOKEN).stats().snapshot().get("retries"));
            assertEquals(2, quick.base(BASE, TOKEN).stats().count(RequestKind.LIST));
        } finally {
            quick.close();
        }
    }

    @Test
    void droppedConnectionIsRetried() {
        emulator.faults().dropNext(1);
        AirtableRecord r = users.create(List.of(user("k1", "One")), WriteOptions.DEFAULT).get(0);
        assertEquals("One", r.fields().get("Name"));
        assertEquals(1, emulator.records(BASE, "Users").size(), "dropped before applying: created once");
        assertEquals(1, base.stats().snapshot().get("retries"));
    }

    @Test
    void appliedThenDroppedUpsertAndDeleteAreIdempotent() {
        emulator.faults().applyThenDropNext(1);
        UpsertResult first = users.upsert(List.of(user("k1", "One")), List.of("Key"), WriteOptions.DEFAULT);
        assertEquals(1, emulator.records(BASE, "Users").size(), "the retried upsert did not create a second record");
        assertEquals(1, first.records().size());

        String id = first.records().get(0).id();
        emulator.faults().applyThenDropNext(1);
        assertEquals(List.of(id), users.delete(List.of(id)), "already deleted counts as deleted");
        assertEquals(0, emulator.records(BASE, "Users").size());
        assertEquals(2, base.stats().snapshot().get("retries"));
    }

    @Test
    void deletingAnUnknownRecordIsAnErrorWhenNothingWasRetried() {
        AirtableException e = assertThrows(AirtableException.class, () -> users.delete(List.of("recDoesNotExist0001")));
        assertTrue(e.status() == 404 || e.status() == 422, e.getMessage());
    }

    // ------------------------------------------------------------------------------------------------ errors

    @Test
    void unknownFieldIsAValidationErrorWithAirtablesType() {
        AirtableValidationException e = assertThrows(AirtableValidationException.class,
                () -> users.create(List.of(Map.of("Nope", "x")), WriteOptions.DEFAULT));
        assertEquals(422, e.status());
        assertEquals("UNKNOWN_FIELD_NAME", e.type());
        assertTrue(e.airtableMessage().contains("Nope"), e.airtableMessage());
        assertTrue(e.getMessage().startsWith("create in table 'Users' (records 1-1 of 1): 422 UNKNOWN_FIELD_NAME"), e.getMessage());
        assertEquals(1, requests().size(), "422 is not retried");
    }

    @Test
    void notFoundAndAuthErrorsAreTyped() {
        // A personal access token is answered 403 for an unknown table (an API key was answered 404).
        AirtableAuthException missingTable = assertThrows(AirtableAuthException.class, () -> base.table("Nope").listAll(ListOptions.all()));
        assertEquals(403, missingTable.status());
        assertEquals("INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", missingTable.type());
        emulator.options().apiKeyEraErrors(true);
        AirtableNotFoundException missing = assertThrows(AirtableNotFoundException.class, () -> base.table("Nope").listAll(ListOptions.all()));
        assertEquals(404, missing.status());
        assertInstanceOf(AirtableNotFoundException.class,
                assertThrows(AirtableException.class, () -> users.get("recDoesNotExist0001")));
        AirtableAuthException auth = assertThrows(AirtableAuthException.class,
                () -> client.base(BASE, "patWrongToken.0000").table("Users").listAll(ListOptions.all()));
        assertTrue(auth.status() == 401 || auth.status() == 403, auth.getMessage());
        assertFalse(auth.getMessage().contains("patWrongToken"), auth.getMessage());
    }

    // ------------------------------------------------------------------------------------------------ iterator

    @Test
    void expiredListIteratorRestartsFromTheBeginning() {
        seedUsers(250);
        List<String> seen = new ArrayList<>();
        int[] pages = {0};
        users.forEachPage(ListOptions.all(), page -> {
            pages[0]++;
            page.forEach(r -> seen.add(r.id()));
            if (pages[0] == 1) {
                expireListIterators();
            }
        });
        assertEquals(250, seen.size(), "each record once");
        assertEquals(250, new HashSet<>(seen).size());
        List<LoggedRequest> log = requests();
        assertTrue(log.stream().anyMatch(r -> r.status() == 422), "the emulator answered LIST_RECORDS_ITERATOR_NOT_AVAILABLE");
        assertEquals(5, log.size(), "page 1, expired page 2, then pages 1-3 again");
        assertEquals(250, users.listAll(ListOptions.all()).size());
    }

    @Test
    void listRestartsAreBounded() {
        seedUsers(150);
        // Every offset has expired by the time its page is asked for: before each list request the emulator forgets
        // its iterators (no timing involved: the pacing may send pages as close together as it likes).
        emulator.faults().beforeNext(1 + 2 * (1 + HttpAirtableTable.MAX_LIST_RESTARTS), "/Users", this::expireListIterators);
        AirtableValidationException e;
        try {
            e = assertThrows(AirtableValidationException.class, () -> users.listAll(ListOptions.all()));
        } finally {
            emulator.faults().clear();
        }
        assertEquals("LIST_RECORDS_ITERATOR_NOT_AVAILABLE", e.type());
        assertEquals(1 + HttpAirtableTable.MAX_LIST_RESTARTS, requests().stream().filter(r -> r.status() == 422).count());
    }

    /**
     * Makes every list offset unknown to the emulator, as an expired Airtable iterator. The emulator has no public
     * switch for this; its ListCursors.clear() (what reset() uses, without dropping records) is called by reflection.
     */
    void expireListIterators() {
        try {
            java.lang.reflect.Field field = AirtableEmulator.class.getDeclaredField("cursors");
            field.setAccessible(true);
            Object cursors = field.get(emulator);
            java.lang.reflect.Method clear = cursors.getClass().getDeclaredMethod("clear");
            clear.setAccessible(true);
            clear.invoke(cursors);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot expire the emulator's list iterators", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ the token

    @Test
    void theTokenNeverAppearsInLogsOrExceptions() {
        List<LogRecord> captured = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                captured.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        List<Throwable> thrown = new ArrayList<>();
        try {
            seedUsers(2);
            users.listAll(ListOptions.all());                                          // succeeds
            emulator.faults().failNext(1, 503);
            users.listAll(ListOptions.all());                                          // retried (logged)
            emulator.faults().dropNext(1);
            users.create(List.of(user("k9", "Nine")), WriteOptions.DEFAULT);           // transport retry (logged)
            thrown.add(assertThrows(AirtableException.class,
                    () -> users.create(List.of(Map.of("Nope", "x")), WriteOptions.DEFAULT)));     // 422
            emulator.faults().failNext(10, 503);
            thrown.add(assertThrows(AirtableException.class, () -> users.listAll(ListOptions.all()))); // gives up
            emulator.faults().clear();
            emulator.faults().rateLimitFor(Duration.ofMillis(300));
            users.listAll(ListOptions.all());                                          // 429 waited out (logged)
        } finally {
            root.removeHandler(capture);
            emulator.faults().clear();
        }
        assertTrue(captured.size() >= 4, "the failing calls were logged: " + captured.size());
        // Failure messages mask the token: even a test token does not go to the test output.
        for (LogRecord record : captured) {
            String text = render(record);
            assertFalse(text.contains(TOKEN_SECRET_PART), "token in log: " + text.replace(TOKEN_SECRET_PART, "[TOKEN]"));
        }
        for (Throwable t : thrown) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                String text = String.valueOf(c.getMessage());
                assertFalse(text.contains(TOKEN_SECRET_PART), "token in exception: " + text.replace(TOKEN_SECRET_PART, "[TOKEN]"));
            }
        }
    }

    static String render(LogRecord record) {
        StringBuilder s = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                s.append(' ').append(p);
            }
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            s.append(' ').append(t);
        }
        return s.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(Map<String, Object> apiRecord) {
        return (Map<String, Object>) apiRecord.get("fields");
    }

    static Map<String, Object> fields(AirtableRecord r) {
        return r.fields();
    }
}
