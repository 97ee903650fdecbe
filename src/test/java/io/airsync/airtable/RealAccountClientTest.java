package io.airsync.airtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.plan.SourceRecord;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.EmulatorOptions;
import io.airsync.testing.airtable.LoggedRequest;
import io.airsync.write.TableWriter;
import io.airsync.write.WriteListener;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a real Airtable account answers, and how the client and the writer take it, over HTTP against the emulator:
 * the month's calls spent (one request, never retried or waited on), refusals of a personal access token with the
 * likely cause named, 413 split like 422, deletes of records already gone, POST listRecords' query parameters.
 */
@QuarkusTest
@TestProfile(AirtableClientTestProfile.class)
class RealAccountClientTest {
    static final String BASE = "appRealAccount001";
    static final String TOKEN = "patRealAccount.0123456789abcdef";
    static final String SCHEMA = """
            {"tables":[{"name":"Users","fields":[
                {"name":"Key","type":"singleLineText"},
                {"name":"Name","type":"singleLineText"}]}]}""";

    AirtableEmulator emulator;
    AirtableClient client;
    ExecutorService pool = Executors.newFixedThreadPool(3);

    @BeforeEach
    void start() {
        emulator = AirtableEmulator.start(new EmulatorOptions().token(TOKEN).requestsPerSecond(0));
        emulator.addBase(BASE, SCHEMA);
        // A 30 s penalty: a 429 the client waited out would make the test time out, not pass.
        client = new AirtableClient(AirtableSettings.defaults(emulator.url()).withRequestsPerSecond(100)
                .withRateLimitPenalty(Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        client.close();
        emulator.close();
    }

    private AirtableBase base(String token) {
        return client.base(BASE, token);
    }

    @Test
    void theMonthsCallsSpentCostOneRequestAndAreNeverWaitedOn() {
        emulator.options().monthlyCallLimit(1);
        AirtableTable users = base(TOKEN).table("Users");
        users.listAll(ListOptions.all());
        long before = System.nanoTime();
        AirtableException e = assertThrows(AirtableException.class, () -> users.listAll(ListOptions.all()));
        assertInstanceOf(AirtableBillingLimitException.class, e);
        assertTrue(e.endsRun());
        assertEquals("PUBLIC_API_BILLING_LIMIT_EXCEEDED", e.type());
        assertTrue(e.getMessage().contains("API calls for this month are spent"), e.getMessage());
        assertEquals(2, emulator.requests().size(), "one request for the refusal, no retry");
        assertEquals(0, base(TOKEN).stats().snapshot().get("rateLimited"), "not counted as a rate limit");
        assertTrue(System.nanoTime() - before < Duration.ofSeconds(25).toNanos(), "the 30 s penalty was not waited");
    }

    @Test
    void aSchemaRefusedForALackingScopeSaysSo() {
        emulator.options().grant("patNoSchema", Set.of(EmulatorOptions.READ_RECORDS, EmulatorOptions.WRITE_RECORDS), null);
        AirtableException e = assertThrows(AirtableException.class, () -> base("patNoSchema").schema());
        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("lacks the schema.bases:read scope"), e.getMessage());
    }

    @Test
    void aSchemaRefusedForABaseNotGrantedSaysSo() {
        emulator.addBase("appSomeOtherBase1", SCHEMA);
        emulator.options().grant("patOtherBase", EmulatorOptions.ALL_SCOPES, Set.of("appSomeOtherBase1"));
        AirtableException e = assertThrows(AirtableException.class, () -> base("patOtherBase").schema());
        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("base " + BASE + " is not granted to this token (it sees 1 other base)"),
                e.getMessage());
    }

    @Test
    void aWriteRefusedForALackingScopeNamesTheLikelyCauses() {
        emulator.options().grant("patReadOnly", Set.of(EmulatorOptions.READ_RECORDS, EmulatorOptions.READ_SCHEMA), null);
        AirtableTable users = base("patReadOnly").table("Users");
        AirtableException e = assertThrows(AirtableException.class,
                () -> users.upsert(List.of(Map.of("Key", "k")), List.of("Key"), WriteOptions.DEFAULT));
        assertInstanceOf(AirtableAuthException.class, e);
        assertTrue(e.getMessage().contains("lacks the data.records:write scope"), e.getMessage());
        AirtableException renamed = assertThrows(AirtableException.class,
                () -> base(TOKEN).table("Renamed").listAll(ListOptions.all()));
        assertTrue(renamed.getMessage().contains("the table was renamed or deleted"), renamed.getMessage());
        assertTrue(emulator.records(BASE, "Users").isEmpty());
    }

    @Test
    void longListsByPostKeepTimeZoneAndLocaleInTheQuery() {
        String formula = "OR(" + String.join(",", Collections.nCopies(1800, "{Key}='x'")) + ")";
        base(TOKEN).table("Users").listAll(new ListOptions(null, formula, false, "string", "Europe/Paris", "fr",
                null, null, null));
        LoggedRequest list = emulator.requests().get(0);
        assertTrue(list.path().endsWith("/listRecords"), list.path());
        assertTrue(list.query().contains("timeZone=Europe%2FParis") && list.query().contains("userLocale=fr"), list.query());
        assertFalse(list.body().contains("timeZone"), list.body());
        assertEquals(200, list.status());
    }

    // ------------------------------------------------------------------------------------------------ the writer

    record Outcome(String mongoId, String what) {
    }

    private TableWriter writer(List<Outcome> outcomes) {
        return new TableWriter(base(TOKEN).table("Users"), "Key", pool, 1, new WriteListener() {
            @Override
            public void written(String mongoId, String recordId, Outcome outcome, SourceRecord record) {
                synchronized (outcomes) {
                    outcomes.add(new RealAccountClientTest.Outcome(mongoId, outcome.name()));
                }
            }

            @Override
            public void failed(String mongoId, String field, String type, String message) {
                synchronized (outcomes) {
                    outcomes.add(new RealAccountClientTest.Outcome(mongoId, "FAILED " + type));
                }
            }
        });
    }

    private static SourceRecord source(String id) {
        return new SourceRecord(id, null, new Object[0], new boolean[0], new int[0], List.of(), null);
    }

    @Test
    void aRequestTooLargeSplitsTheBatchLike422() {
        emulator.faults().failNext(1, 413);
        List<Outcome> outcomes = new ArrayList<>();
        TableWriter w = writer(outcomes);
        for (int i = 0; i < 10; i++) {
            w.create(source("k" + i), Map.of("Key", "k" + i, "Name", "n" + i));
        }
        w.flush();
        assertEquals(10, outcomes.stream().filter(o -> o.what().equals("CREATED")).count(), outcomes::toString);
        assertEquals(List.of(413, 200, 200), emulator.requests().stream().map(LoggedRequest::status).toList());
        assertEquals(10, emulator.records(BASE, "Users").size());
    }

    @Test
    void deletingRecordsAlreadyGoneCountsThemDeleted() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(emulator.putRecord(BASE, "Users", Map.of("Key", "k" + i)));
        }
        AirtableTable users = base(TOKEN).table("Users");
        users.delete(List.of(ids.get(1), ids.get(2)));
        emulator.clearRequests();
        // The token era answers 403 for a record it cannot find: injected on the batch's first request.
        emulator.faults().failNext(1, 403, "/Users");

        List<Outcome> outcomes = new ArrayList<>();
        TableWriter w = writer(outcomes);
        for (int i = 0; i < 4; i++) {
            w.delete("k" + i, ids.get(i));
        }
        w.flush();
        assertEquals(4, outcomes.stream().filter(o -> o.what().equals("DELETED")).count(), outcomes::toString);
        assertTrue(emulator.records(BASE, "Users").isEmpty());
        assertTrue(emulator.requests().stream().anyMatch(r -> r.status() == 404), "the emulator's own 404s met too");
    }

    @Test
    void aDeleteRefusedForARecordStillThereFails() {
        String id = emulator.putRecord(BASE, "Users", Map.of("Key", "k"));
        emulator.options().grant("patReadOnly", Set.of(EmulatorOptions.READ_RECORDS, EmulatorOptions.READ_SCHEMA), null);
        List<Outcome> outcomes = new ArrayList<>();
        TableWriter w = new TableWriter(base("patReadOnly").table("Users"), "Key", pool, 1, new WriteListener() {
            @Override
            public void written(String mongoId, String recordId, Outcome outcome, SourceRecord record) {
                outcomes.add(new RealAccountClientTest.Outcome(mongoId, outcome.name()));
            }

            @Override
            public void failed(String mongoId, String field, String type, String message) {
                outcomes.add(new RealAccountClientTest.Outcome(mongoId, "FAILED " + type));
            }
        });
        w.delete("k", id);
        w.flush();
        assertEquals(List.of(new Outcome("k", "FAILED INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND")), outcomes);
        assertTrue(w.fatal() != null && w.fatal().endsRun());
        assertEquals(1, emulator.records(BASE, "Users").size());
    }
}
