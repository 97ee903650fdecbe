package io.airsync.airtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad input is refused before any request, pyairtable style, with a message naming what is wrong. The client points
 * at a listening socket that must never see a connection; the base's stats must show no request.
 */
class AirtableInputValidationTest {
    private ServerSocket listener;
    private AirtableClient client;
    private AirtableBase base;
    private AirtableTable users;

    @BeforeEach
    void setUp() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        client = new AirtableClient(settings("http://127.0.0.1:" + listener.getLocalPort()));
        base = client.base("appValidation", "patNotUsed");
        users = base.table("Users");
    }

    @AfterEach
    void tearDown() throws IOException {
        try {
            listener.setSoTimeout(1);
            listener.accept().close();
            throw new AssertionError("the client connected although the input was invalid");
        } catch (SocketTimeoutException expected) {
            // No connection: good.
        } finally {
            listener.close();
            client.close();
        }
        base.stats().snapshot().forEach((k, v) -> assertEquals(
                k.equals(AirtableRequestStats.LOWEST_REQUESTS_PER_MINUTE) ? 5 * 60L : 0L, v, "stats " + k));
    }

    static AirtableSettings settings(String url) {
        return new AirtableSettings(url, 5, Duration.ofSeconds(1), 3, 2, 2, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    private static void refused(String expectedInMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedInMessage), "message '" + e.getMessage() + "' should say '" + expectedInMessage + "'");
    }

    @Test
    void upsertMergeFields() {
        List<Map<String, Object>> rows = List.of(Map.of("Key", "k1", "Name", "A"));
        refused("fieldsToMergeOn needs 1 to 3", () -> users.upsert(rows, List.of(), WriteOptions.DEFAULT));
        refused("fieldsToMergeOn needs 1 to 3", () -> users.upsert(rows, null, WriteOptions.DEFAULT));
        refused("got 4", () -> users.upsert(rows, List.of("a", "b", "c", "d"), WriteOptions.DEFAULT));
        refused("a field name is empty", () -> users.upsert(rows, List.of(" "), WriteOptions.DEFAULT));
        refused("names a field twice", () -> users.upsert(rows, List.of("Key", "Key"), WriteOptions.DEFAULT));
        refused("record #2 has no value for merge field 'Key'", () -> users.upsert(
                List.of(Map.of("Key", "k1"), Map.of("Name", "no key")), List.of("Key"), WriteOptions.DEFAULT));
        refused("replace (PUT) upserts", () -> users.upsert(rows, List.of("Key"), new WriteOptions(false, true)));
    }

    @Test
    void fieldNames() {
        Map<String, Object> blank = new HashMap<>();
        blank.put("", "x");
        refused("table 'Users', record #1: a field name is empty", () -> users.create(List.of(blank), WriteOptions.DEFAULT));
        Map<String, Object> nullName = new HashMap<>();
        nullName.put(null, "x");
        refused("a field name is empty", () -> users.create(List.of(Map.of("Name", "ok"), nullName), WriteOptions.DEFAULT));
        List<Map<String, Object>> withNull = new ArrayList<>();
        withNull.add(null);
        refused("record #1: fields are null", () -> users.create(withNull, WriteOptions.DEFAULT));
        refused("the record list is null", () -> users.create(null, WriteOptions.DEFAULT));
    }

    @Test
    void updatesNeedIds() {
        refused("update in table 'Users', record #2: the record ID is empty", () -> users.update(List.of(
                new AirtableRecord("rec1", null, Map.of("Name", "a")), new AirtableRecord(null, null, Map.of("Name", "b"))),
                WriteOptions.DEFAULT));
        refused("replace (PUT) in table 'Users', record #1: the record ID is empty", () -> users.update(List.of(
                new AirtableRecord(" ", null, Map.of())), new WriteOptions(false, true)));
        refused("record #1: the record ID is empty", () -> users.delete(List.of("")));
        refused("is not a record ID", () -> users.get("rec1/../x"));
    }

    @Test
    void listOptions() {
        refused("pageSize must be 1..100, was 101", () -> users.listAll(ListOptions.all().withPageSize(101)));
        refused("pageSize must be 1..100, was 0", () -> users.listAll(ListOptions.all().withPageSize(0)));
        refused("maxRecords must be at least 1", () -> users.listAll(ListOptions.all().withMaxRecords(0)));
        refused("fields: a field name is empty", () -> users.listAll(ListOptions.all().withFields(List.of("Name", ""))));
        refused("cellFormat 'string' needs timeZone and userLocale", () -> users.listAll(
                new ListOptions(null, null, false, "string", null, null, null, null, null)));
        refused("needs a page consumer", () -> users.forEachPage(ListOptions.all(), null));
    }

    @Test
    void emptyWritesSendNothing() {
        assertEquals(List.of(), users.create(List.of(), WriteOptions.DEFAULT));
        assertEquals(List.of(), users.update(List.of(), WriteOptions.DEFAULT));
        assertEquals(List.of(), users.delete(List.of()));
        UpsertResult none = users.upsert(List.of(), List.of("Key"), WriteOptions.DEFAULT);
        assertEquals(0, none.records().size());
    }

    @Test
    void baseAndSettings() {
        refused("table name or ID is empty", () -> base.table(" "));
        refused("base ID is empty or malformed", () -> client.base("", "tok"));
        refused("base ID is empty or malformed", () -> client.base("app/x", "tok"));
        refused("token for base appX is empty", () -> client.base("appX", " "));
        refused("requests-per-second must be above 0", () -> new AirtableClient(new AirtableSettings("http://localhost:1", 0,
                Duration.ofSeconds(1), 1, 1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1))));
        refused("airsync.airtable.url is not an http(s) URL", () -> new AirtableClient(settings("not a url")));
    }

    @Test
    void oneBasePerId() {
        assertTrue(base == client.base("appValidation", "patNotUsed"), "same base for the same ID");
        AirtableBase other = client.base("appValidation", "patOther");
        assertTrue(other.stats() == base.stats(), "stats (and pacing) shared per base ID whatever the token");
    }
}
