package io.airsync.testing.airtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's behaviour over HTTP, as a client sees it. */
class AirtableEmulatorBehaviourTest {
    static final String BASE = "appEmulatorTest01";
    static final String USERS = "/v0/" + BASE + "/Users";
    static final String EVENTS = "/v0/" + BASE + "/Event%20Log";

    AirtableEmulator airtable;
    HttpJson http;

    static String schema() throws IOException {
        try {
            return Files.readString(Path.of(AirtableEmulatorBehaviourTest.class.getResource("/emulator/test-schema.json").toURI()));
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    @BeforeEach
    void start() throws IOException {
        airtable = AirtableEmulator.start(new EmulatorOptions().requestsPerSecond(0));
        airtable.addBase(BASE, schema());
        http = new HttpJson(airtable.url(), airtable.options().token());
    }

    @AfterEach
    void stop() {
        airtable.close();
    }

    static Map<String, Object> rec(Object... keyValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            fields.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Map.of("fields", fields);
    }

    static Map<String, Object> records(Object... records) {
        return Map.of("records", List.of(records));
    }

    // ------------------------------------------------------------------ listing

    @Test
    void pagesThrough250RecordsWithOffsets() {
        for (int i = 0; i < 250; i++) {
            airtable.putRecord(BASE, "Users", Map.of("Name", "user " + i, "Key", "k" + i));
        }
        List<String> seen = new ArrayList<>();
        String offset = null;
        int pages = 0;
        do {
            HttpJson.Response page = http.get(USERS + (offset == null ? "" : "?offset=" + HttpJson.enc(offset)));
            assertEquals(200, page.status(), page::toString);
            page.records().forEach(r -> seen.add((String) r.get("id")));
            offset = (String) page.map().get("offset");
            pages++;
            if (offset != null) {
                assertTrue(offset.matches("itr[A-Za-z0-9]{14}/rec[A-Za-z0-9]{14}"), offset);
            }
        } while (offset != null);
        assertEquals(3, pages);
        assertEquals(250, seen.size());
        assertEquals(250, new HashSet<>(seen).size());
        List<String> expected = airtable.records(BASE, "Users").stream().map(r -> (String) r.get("id")).toList();
        assertEquals(expected, seen, "default order is creation order");

        HttpJson.Response small = http.get(USERS + "?pageSize=3&maxRecords=5");
        assertEquals(3, small.records().size());
        HttpJson.Response rest = http.get(USERS + "?pageSize=3&maxRecords=5&offset=" + HttpJson.enc((String) small.map().get("offset")));
        assertEquals(2, rest.records().size());
        assertNull(rest.map().get("offset"));

        assertEquals("INVALID_REQUEST_UNKNOWN", http.get(USERS + "?pageSize=101").errorType());

        String longFormula = "OR(" + "{Key} = 'k1',".repeat(1500) + "{Key} = 'k2')";
        HttpJson.Response tooLong = http.get(USERS + "?filterByFormula=" + HttpJson.enc(longFormula));
        assertEquals(414, tooLong.status(), "Airtable refuses URLs over 16,000 characters");
        HttpJson.Response viaPost = http.post(USERS + "/listRecords", Map.of("filterByFormula", longFormula));
        assertEquals(200, viaPost.status(), viaPost::toString);
        assertEquals(2, viaPost.records().size());
    }

    @Test
    void badOffsetsAreRefusedLikeAirtable() {
        HttpJson.Response malformed = http.get(USERS + "?offset=10");
        assertEquals(422, malformed.status());
        assertEquals("INVALID_OFFSET_VALUE", malformed.errorType());
        HttpJson.Response unknown = http.get(USERS + "?offset=" + HttpJson.enc("itrAAAAAAAAAAAAAA/recAAAAAAAAAAAAAA"));
        assertEquals(422, unknown.status());
        assertEquals("LIST_RECORDS_ITERATOR_NOT_AVAILABLE", unknown.errorType());
    }

    @Test
    void filtersSortsAndProjectsLikeTheApi() {
        airtable.putRecord(BASE, "Users", Map.of("Name", "Carol", "Key", " c ", "Email", "carol@example.com", "Age", 30));
        String bob = airtable.putRecord(BASE, "Users", Map.of("Name", "bob", "Key", "b", "Age", 25, "Active", true));
        airtable.putRecord(BASE, "Users", Map.of("Name", "Alice", "Key", "a", "Tags", List.of("red", "blue")));

        assertEquals(List.of("Carol"), names(http.get(USERS + "?filterByFormula=" + HttpJson.enc("{Name} = 'Carol'"))));
        assertEquals(List.of("Carol", "bob"), names(http.get(USERS + "?filterByFormula="
                + HttpJson.enc("OR({Key} = 'b', TRIM({Key}) = \"c\")"))));
        assertEquals(List.of("bob"), names(http.get(USERS + "?filterByFormula=" + HttpJson.enc("AND(LOWER({Name}) = 'bob', {Active})"))));
        assertEquals(List.of("bob"), names(http.get(USERS + "?filterByFormula=" + HttpJson.enc("RECORD_ID() = '" + bob + "'"))));
        assertEquals(List.of("Carol"), names(http.get(USERS + "?filterByFormula=" + HttpJson.enc("NOT({Email} = '')"))));
        assertEquals(List.of("Carol"), names(http.get(USERS + "?filterByFormula=" + HttpJson.enc("{Email} != ''"))));
        assertEquals(List.of("Alice"), names(http.get(USERS + "?filterByFormula=" + HttpJson.enc("FIND('blue', {Tags}) > 0"))));
        assertEquals(List.of("bob", "Carol"), names(http.get(USERS + "?filterByFormula=" + HttpJson.enc("{Age} >= 25")
                + "&sort%5B0%5D%5Bfield%5D=Age&sort%5B0%5D%5Bdirection%5D=asc")));
        assertEquals(List.of("Carol", "bob", "Alice"), names(http.get(USERS
                + "?sort%5B0%5D%5Bfield%5D=Name&sort%5B0%5D%5Bdirection%5D=desc")));

        HttpJson.Response projected = http.get(USERS + "?fields%5B%5D=Name&fields[]=Age");
        for (Map<String, Object> r : projected.records()) {
            @SuppressWarnings("unchecked")
            Set<String> keys = ((Map<String, Object>) r.get("fields")).keySet();
            assertTrue(Set.of("Name", "Age").containsAll(keys), keys::toString);
        }

        HttpJson.Response bad = http.get(USERS + "?filterByFormula=" + HttpJson.enc("DATETIME_DIFF({Name}, 1)"));
        assertEquals(422, bad.status());
        assertEquals("INVALID_FILTER_BY_FORMULA", bad.errorType());
        HttpJson.Response unknownField = http.get(USERS + "?filterByFormula=" + HttpJson.enc("{Nope} = 1"));
        assertEquals("INVALID_FILTER_BY_FORMULA", unknownField.errorType());
        assertTrue(unknownField.errorMessage().contains("Nope"), unknownField::toString);
        assertEquals("UNKNOWN_FIELD_NAME", http.get(USERS + "?fields%5B%5D=Nope").errorType());

        HttpJson.Response viaPost = http.post(USERS + "/listRecords", Map.of(
                "filterByFormula", "{Age} > 26", "fields", List.of("Name"), "pageSize", 10, "method", "post"));
        assertEquals(200, viaPost.status(), viaPost::toString);
        assertEquals(List.of("Carol"), names(viaPost));

        HttpJson.Response byId = http.get(USERS + "?returnFieldsByFieldId=true&maxRecords=1");
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) byId.records().get(0).get("fields");
        assertTrue(fields.keySet().stream().allMatch(k -> k.startsWith("fld")), fields::toString);
    }

    @SuppressWarnings("unchecked")
    static List<String> names(HttpJson.Response r) {
        assertEquals(200, r.status(), r::toString);
        return r.records().stream().map(x -> (String) ((Map<String, Object>) x.get("fields")).get("Name")).toList();
    }

    @Test
    void tablesResolveByNameWithSpacesAndById() {
        String tableId = tableId("Event Log");
        assertEquals(200, http.get("/v0/" + BASE + "/Event%20Log").status());
        // '+' in a path is a plus (Airtable reads it so); a space travels as %20.
        assertEquals(403, http.get("/v0/" + BASE + "/Event+Log").status());
        assertEquals(200, http.get("/v0/" + BASE + "/" + tableId + "/").status());
        HttpJson.Response created = http.post("/v0/" + BASE + "/" + tableId + "/", records(rec("Title", "t")));
        assertEquals(200, created.status(), created::toString);
        // A personal access token gets one answer for an unknown table and an unknown (or ungranted) base.
        HttpJson.Response missing = http.get("/v0/" + BASE + "/No%20Such%20Table");
        assertEquals(403, missing.status());
        assertEquals("INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", missing.errorType());
        HttpJson.Response unknownBase = http.get("/v0/appNoSuchBase0000/Users");
        assertEquals(403, unknownBase.status());
        assertEquals("INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", unknownBase.errorType());
        // API keys (the recorded traffic of 2017-2022) got 404s.
        airtable.options().apiKeyEraErrors(true);
        HttpJson.Response missingOld = http.get("/v0/" + BASE + "/No%20Such%20Table");
        assertEquals(404, missingOld.status());
        assertEquals("TABLE_NOT_FOUND", missingOld.errorType());
        assertEquals("Could not find table No Such Table in application " + BASE, missingOld.errorMessage());
        assertEquals("{\"error\":\"NOT_FOUND\"}", http.get("/v0/appNoSuchBase0000/Users").text());
    }

    @SuppressWarnings("unchecked")
    String tableId(String name) {
        HttpJson.Response schema = http.get("/v0/meta/bases/" + BASE + "/tables");
        assertEquals(200, schema.status());
        for (Object t : (List<Object>) schema.map().get("tables")) {
            Map<String, Object> table = (Map<String, Object>) t;
            if (table.get("name").equals(name)) {
                return (String) table.get("id");
            }
        }
        throw new AssertionError("no table " + name);
    }

    // ------------------------------------------------------------------ writes

    @Test
    void createsRecordsAndReturnsThemAsTheApiDoes() {
        HttpJson.Response r = http.post(USERS, records(
                rec("Name", "Ann", "Age", 5.0, "Score", 0.25, "Active", true, "Birthday", "2000-02-29",
                        "Last Seen", "2024-01-02T03:04:05+01:00", "Status", "Active", "Tags", List.of("red", "green"),
                        "Website", "https://example.com", "Phone", "+1 555 0100", "Bio", "line 1\nline 2"),
                rec("Name", "", "Active", false, "Tags", List.of(), "Email", null)));
        assertEquals(200, r.status(), r::toString);
        Map<String, Object> ann = r.records().get(0);
        assertTrue(((String) ann.get("id")).matches("rec[A-Za-z0-9]{14}"));
        assertTrue(((String) ann.get("createdTime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) ann.get("fields");
        assertEquals(5L, f.get("Age"), "integral numbers come back without .0");
        assertEquals(0.25, f.get("Score"));
        assertEquals("2024-01-02T02:04:05.000Z", f.get("Last Seen"));
        assertEquals(List.of("red", "green"), f.get("Tags"));
        assertEquals(1L, f.get("User No"));
        assertEquals("Ann#1", f.get("Label"), "simple formula fields are computed");
        @SuppressWarnings("unchecked")
        Map<String, Object> empty = (Map<String, Object>) r.records().get(1).get("fields");
        assertFalse(empty.containsKey("Name") || empty.containsKey("Active") || empty.containsKey("Tags") || empty.containsKey("Email"),
                "empty values are omitted: " + empty);

        HttpJson.Response single = http.post(USERS, Map.of("fields", Map.of("Name", "Solo")));
        assertEquals(200, single.status());
        assertEquals("Solo", single.fields().get("Name"));
        HttpJson.Response got = http.get(USERS + "/" + single.map().get("id"));
        assertEquals(single.map(), got.map());
    }

    @Test
    void moreThanTenRecordsAreRefusedWhole() {
        List<Object> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(rec("Name", "n" + i));
        }
        HttpJson.Response r = http.post(USERS, Map.of("records", eleven));
        assertEquals(422, r.status());
        assertEquals("INVALID_RECORDS", r.errorType());
        assertTrue(airtable.records(BASE, "Users").isEmpty());

        StringBuilder q = new StringBuilder("?");
        for (int i = 0; i < 11; i++) {
            q.append("records%5B%5D=").append(airtable.putRecord(BASE, "Users", Map.of("Name", "d" + i))).append('&');
        }
        assertEquals("INVALID_RECORDS", http.delete(USERS + q).errorType());
        assertEquals(11, airtable.records(BASE, "Users").size());
    }

    @Test
    void patchKeepsOtherFieldsAndPutClearsThem() {
        String id = airtable.putRecord(BASE, "Users", Map.of("Name", "Ann", "Email", "ann@example.com", "Age", 30));
        HttpJson.Response patched = http.patch(USERS, records(Map.of("id", id, "fields", Map.of("Age", 31))));
        assertEquals(200, patched.status(), patched::toString);
        assertEquals(Map.of("Name", "Ann", "Email", "ann@example.com", "Age", 31L), userFields(patched.records().get(0)));

        HttpJson.Response put = http.put(USERS, records(Map.of("id", id, "fields", Map.of("Age", 32))));
        assertEquals(200, put.status(), put::toString);
        assertEquals(Map.of("Age", 32L), userFields(put.records().get(0)));

        HttpJson.Response one = http.patch(USERS + "/" + id, Map.of("fields", Map.of("Name", "Ann B")));
        assertEquals(Map.of("Name", "Ann B", "Age", 32L), userFields(one.map()));
        HttpJson.Response oneReplaced = http.put(USERS + "/" + id, Map.of("fields", Map.of("Email", "b@example.com")));
        assertEquals(Map.of("Email", "b@example.com"), userFields(oneReplaced.map()));

        HttpJson.Response cleared = http.patch(USERS + "/" + id, Map.of("fields", Map.of("Email", "")));
        assertEquals(Map.of(), userFields(cleared.map()));

        assertEquals("INVALID_REQUEST_MISSING_FIELDS", http.patch(USERS, records(rec("Name", "no id"))).errorType());
        HttpJson.Response unknownId = http.patch(USERS, records(Map.of("id", "recAAAAAAAAAAAAAA", "fields", Map.of())));
        assertEquals(422, unknownId.status());
        assertEquals("ROW_DOES_NOT_EXIST", unknownId.errorType());
        assertEquals(404, http.patch(USERS + "/recAAAAAAAAAAAAAA", Map.of("fields", Map.of())).status());
    }

    /** The fields a client wrote (computed fields left out). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> userFields(Map<String, Object> record) {
        Map<String, Object> f = new LinkedHashMap<>((Map<String, Object>) record.get("fields"));
        f.keySet().removeAll(Set.of("User No", "Created", "Label", "Event Count"));
        return f;
    }

    @Test
    void upsertCreatesUpdatesAndRefusesAmbiguousMatches() {
        String existing = airtable.putRecord(BASE, "Users", Map.of("Key", "k1", "Name", "old", "Email", "e@example.com"));
        Map<String, Object> body = Map.of(
                "performUpsert", Map.of("fieldsToMergeOn", List.of("Key")),
                "records", List.of(rec("Key", "k1", "Name", "new"), rec("Key", "k2", "Name", "two")));
        HttpJson.Response r = http.patch(USERS, body);
        assertEquals(200, r.status(), r::toString);
        String created = (String) r.records().get(1).get("id");
        assertEquals(List.of(existing), r.map().get("updatedRecords"));
        assertEquals(List.of(created), r.map().get("createdRecords"));
        assertEquals(Map.of("Key", "k1", "Name", "new", "Email", "e@example.com"), userFields(r.records().get(0)));

        HttpJson.Response replaced = http.put(USERS, Map.of("performUpsert", Map.of("fieldsToMergeOn", List.of("Key")),
                "records", List.of(rec("Key", "k1", "Age", 3))));
        assertEquals(Map.of("Key", "k1", "Age", 3L), userFields(replaced.records().get(0)), "PUT upsert replaces");

        airtable.putRecord(BASE, "Users", Map.of("Key", "dup", "Name", "a"));
        airtable.putRecord(BASE, "Users", Map.of("Key", "dup", "Name", "b"));
        int before = airtable.records(BASE, "Users").size();
        HttpJson.Response ambiguous = http.patch(USERS, Map.of("performUpsert", Map.of("fieldsToMergeOn", List.of("Key")),
                "records", List.of(rec("Key", "fresh"), rec("Key", "dup", "Name", "c"))));
        assertEquals(422, ambiguous.status(), ambiguous::toString);
        assertEquals(before, airtable.records(BASE, "Users").size(), "nothing applied, not even the first record");

        HttpJson.Response twoFields = http.patch(USERS, Map.of("performUpsert", Map.of("fieldsToMergeOn", List.of("Key", "Name")),
                "records", List.of(rec("Key", "dup", "Name", "a", "Age", 9))));
        assertEquals(200, twoFields.status(), twoFields::toString);
        assertEquals(1, ((List<?>) twoFields.map().get("updatedRecords")).size());

        assertEquals(422, http.patch(USERS, Map.of("performUpsert", Map.of("fieldsToMergeOn", List.of()),
                "records", List.of(rec("Key", "x")))).status());
        assertEquals("UNKNOWN_FIELD_NAME", http.patch(USERS, Map.of("performUpsert", Map.of("fieldsToMergeOn", List.of("Nope")),
                "records", List.of(rec("Key", "x")))).errorType());
    }

    @Test
    void validatesValuesAgainstTheSchema() {
        HttpJson.Response unknown = http.post(USERS, records(rec("Name", "ok"), rec("Nope", "x")));
        assertEquals(422, unknown.status());
        assertEquals("UNKNOWN_FIELD_NAME", unknown.errorType());
        assertEquals("Unknown field name: \"Nope\"", unknown.errorMessage());
        assertTrue(airtable.records(BASE, "Users").isEmpty(), "a 422 applies nothing");

        HttpJson.Response wrongType = http.post(USERS, records(rec("Age", "forty")));
        assertEquals("INVALID_VALUE_FOR_COLUMN", wrongType.errorType());
        assertEquals("Field \"Age\" cannot accept the provided value", wrongType.errorMessage());
        assertEquals("INVALID_VALUE_FOR_COLUMN", http.post(USERS, records(rec("Active", "yes"))).errorType());
        assertEquals("INVALID_VALUE_FOR_COLUMN", http.post(USERS, records(rec("Birthday", "2021-02-30"))).errorType());
        assertEquals("INVALID_VALUE_FOR_COLUMN", http.post(USERS, records(rec("Name", List.of("x")))).errorType());
        assertEquals("INVALID_VALUE_FOR_COLUMN", http.post(USERS, records(rec("Name", "x".repeat(100_001)))).errorType());
        assertEquals(200, http.post(USERS, records(rec("Bio", "x".repeat(100_000)))).status());

        HttpJson.Response computed = http.post(USERS, records(rec("User No", 40)));
        assertEquals("INVALID_VALUE_FOR_COLUMN", computed.errorType());
        assertEquals("Field \"User No\" cannot accept a value because the field is computed", computed.errorMessage());

        HttpJson.Response badOption = http.post(USERS, records(rec("Status", "Retired")));
        assertEquals(422, badOption.status());
        assertEquals("INVALID_MULTIPLE_CHOICE_OPTIONS", badOption.errorType());
        assertEquals("INVALID_MULTIPLE_CHOICE_OPTIONS", http.post(USERS, records(rec("Tags", List.of("red", "pink")))).errorType());
        assertFalse(airtable.schemaJson(BASE).contains("Retired"));

        HttpJson.Response typecast = http.post(USERS, Map.of("typecast", true,
                "records", List.of(rec("Status", "Retired", "Tags", "red, pink", "Age", "42", "Active", "true"))));
        assertEquals(200, typecast.status(), typecast::toString);
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) typecast.records().get(0).get("fields");
        assertEquals("Retired", f.get("Status"));
        assertEquals(List.of("red", "pink"), f.get("Tags"));
        assertEquals(42L, f.get("Age"));
        assertEquals(Boolean.TRUE, f.get("Active"));
        assertTrue(airtable.schemaJson(BASE).contains("\"Retired\""), "typecast added the option to the schema");
        assertTrue(airtable.schemaJson(BASE).contains("\"pink\""));

        HttpJson.Response missingLink = http.post(EVENTS, records(rec("Title", "t", "User", List.of("recAAAAAAAAAAAAAA"))));
        assertEquals(422, missingLink.status());
        assertEquals("ROW_DOES_NOT_EXIST", missingLink.errorType());
        assertEquals("Record ID recAAAAAAAAAAAAAA does not exist", missingLink.errorMessage());
        assertTrue(airtable.records(BASE, "Event Log").isEmpty());

        assertEquals("INVALID_REQUEST_UNKNOWN", http.post(USERS, "{not json").errorType());
        assertEquals("INVALID_REQUEST_UNKNOWN", http.post(USERS, Map.of("records", List.of(rec("Name", "x")), "bogus", 1)).errorType());
        assertEquals("INVALID_REQUEST_MISSING_FIELDS", http.post(USERS, Map.of()).errorType());
    }

    @Test
    @SuppressWarnings("unchecked")
    void linksKeepTheirInverseFieldInStep() {
        String ann = airtable.putRecord(BASE, "Users", Map.of("Name", "Ann"));
        String bob = airtable.putRecord(BASE, "Users", Map.of("Name", "Bob"));
        HttpJson.Response e = http.post(EVENTS, records(rec("Title", "e1", "User", List.of(ann)), rec("Title", "e2", "User", List.of(ann, bob))));
        assertEquals(200, e.status(), e::toString);
        String e1 = (String) e.records().get(0).get("id");
        String e2 = (String) e.records().get(1).get("id");
        Map<String, Object> annRecord = http.get(USERS + "/" + ann).fields();
        assertEquals(List.of(e1, e2), annRecord.get("Events"));
        assertEquals(2L, annRecord.get("Event Count"));

        assertEquals(200, http.patch(EVENTS + "/" + e2, Map.of("fields", Map.of("User", List.of(bob)))).status());
        assertEquals(List.of(e1), http.get(USERS + "/" + ann).fields().get("Events"));
        assertEquals(200, http.delete(EVENTS + "/" + e1).status());
        assertNull(http.get(USERS + "/" + ann).fields().get("Events"));
        assertEquals(List.of(e2), http.get(USERS + "/" + bob).fields().get("Events"));

        HttpJson.Response byLinkName = http.get(EVENTS + "?filterByFormula=" + HttpJson.enc("{User} = 'Bob'"));
        assertEquals(1, byLinkName.records().size(), "links read as the linked records' primary values in formulas");
    }

    @Test
    void deletesOneOrManyAndRefusesUnknownIds() {
        String a = airtable.putRecord(BASE, "Users", Map.of("Name", "a"));
        String b = airtable.putRecord(BASE, "Users", Map.of("Name", "b"));
        String c = airtable.putRecord(BASE, "Users", Map.of("Name", "c"));
        HttpJson.Response many = http.delete(USERS + "?records%5B%5D=" + a + "&records[]=" + b);
        assertEquals(200, many.status(), many::toString);
        assertEquals(List.of(Map.of("deleted", true, "id", a), Map.of("deleted", true, "id", b)), many.map().get("records"));
        HttpJson.Response unknown = http.delete(USERS + "?records%5B%5D=" + c + "&records%5B%5D=recAAAAAAAAAAAAAA");
        assertEquals(404, unknown.status());
        assertEquals("MODEL_ID_NOT_FOUND", unknown.errorType());
        assertEquals(1, airtable.records(BASE, "Users").size(), "nothing deleted");
        HttpJson.Response one = http.delete(USERS + "/" + c);
        assertEquals(Map.of("deleted", true, "id", c), one.map());
        assertEquals("MODEL_ID_NOT_FOUND", http.get(USERS + "/" + c).errorType());
        assertEquals("{\"error\":\"NOT_FOUND\"}", http.delete(USERS + "/not%20a%20record").text());
    }

    // ------------------------------------------------------------------ auth, rate limit, faults

    @Test
    void requiresAnAcceptedBearerToken() {
        HttpJson.Response none = new HttpJson(airtable.url(), null).get(USERS);
        assertEquals(401, none.status());
        assertEquals(Map.of("error", Map.of("type", "AUTHENTICATION_REQUIRED", "message", "Authentication required")), none.json());
        assertEquals(401, new HttpJson(airtable.url(), "wrong").get(USERS).status());
        assertEquals(401, new HttpJson(airtable.url(), "wrong").get("/v0/meta/bases/" + BASE + "/tables").status());
        airtable.options().addToken("second-token");
        assertEquals(200, new HttpJson(airtable.url(), "second-token").get(USERS).status());
        assertEquals(200, http.get(USERS).status());
    }

    @Test
    void rateLimitAnswers429ThenPenalisesTheBase() {
        airtable.options().requestsPerSecond(5).penalty(Duration.ofMillis(1500));
        airtable.addBase("appOtherBase00001", "{\"tables\":[{\"name\":\"T\",\"fields\":[{\"name\":\"N\",\"type\":\"singleLineText\"}]}]}");
        List<Integer> statuses = new ArrayList<>();
        statuses.add(http.get("/v0/meta/bases/" + BASE + "/tables").status()); // schema requests count too
        for (int i = 0; i < 5; i++) {
            statuses.add(http.get(USERS).status());
        }
        assertEquals(429, statuses.get(statuses.size() - 1), "the 6th request within a second is refused: " + statuses);
        HttpJson.Response refused = http.get(USERS);
        assertEquals(429, refused.status(), "the base is penalised");
        assertEquals(Map.of("errors", List.of(Map.of("error", "RATE_LIMIT_REACHED",
                "message", "Rate limit exceeded. Please try again later"))), refused.json());
        assertEquals(200, http.get("/v0/appOtherBase00001/T").status(), "other bases are not affected");
        assertTrue(airtable.requests().stream().filter(r -> r.status() == 429).count() >= 2, "refused requests are logged");

        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(USERS).status() == 200);
        airtable.options().requestsPerSecond(0);
        for (int i = 0; i < 20; i++) {
            assertEquals(200, http.get(USERS).status(), "0 = no limit, taking effect at once");
        }
    }

    @Test
    void injectedFailuresAnswerRealisticErrors() {
        airtable.faults().failNext(2, 503);
        HttpJson.Response first = http.get(USERS);
        assertEquals(503, first.status());
        assertEquals("SERVICE_UNAVAILABLE", first.errorType());
        assertEquals(200, http.get("/v0/meta/bases/" + BASE + "/tables").status(), "schema requests are not affected");
        assertEquals(503, http.get(USERS).status());
        assertEquals(200, http.get(USERS).status());

        airtable.faults().failNext(1, 500, "Event Log");
        assertEquals(200, http.get(USERS).status());
        HttpJson.Response filtered = http.get(EVENTS);
        assertEquals(500, filtered.status());
        assertEquals("SERVER_ERROR", filtered.errorType());
        assertEquals(0, airtable.faults().pending());

        airtable.faults().failNext(1, 422);
        HttpJson.Response refused = http.post(USERS, records(rec("Name", "x")));
        assertEquals(422, refused.status());
        assertTrue(airtable.records(BASE, "Users").isEmpty(), "an injected failure applies nothing");

        airtable.faults().rateLimitFor(Duration.ofMillis(600));
        assertEquals(429, http.get(USERS).status());
        assertEquals("RATE_LIMIT_REACHED", http.get(USERS).errorType());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> http.get(USERS).status() == 200);
    }

    @Test
    void delaysAndDroppedConnectionsLookLikeNetworkTrouble() throws Exception {
        airtable.faults().delayNext(1, Duration.ofMillis(1500));
        HttpJson impatient = new HttpJson(airtable.url(), airtable.options().token()).timeout(Duration.ofMillis(300));
        assertThrows(HttpTimeoutException.class, () -> impatient.sendOrThrow("GET", USERS, null));
        assertEquals(200, impatient.get(USERS).status(), "only the next request is delayed");

        airtable.faults().dropNext(1);
        assertThrows(IOException.class, () -> http.sendOrThrow("POST", USERS, records(rec("Name", "dropped"))));
        assertTrue(airtable.records(BASE, "Users").isEmpty(), "a dropped request is not applied");

        airtable.faults().applyThenDropNext(1);
        assertThrows(IOException.class, () -> http.sendOrThrow("POST", USERS, records(rec("Name", "applied"))));
        assertEquals(List.of("applied"), airtable.records(BASE, "Users").stream()
                .map(r -> ((Map<?, ?>) r.get("fields")).get("Name")).toList(), "the write happened although no answer came");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> airtable.requests().stream()
                .filter(r -> r.status() == 0).count() == 2);
        LoggedRequest dropped = airtable.requests().stream().filter(r -> r.status() == 0).findFirst().orElseThrow();
        assertEquals("POST", dropped.method());
        assertTrue(dropped.body().contains("dropped"));
    }

    @Test
    void logsEveryRequestInArrivalOrder() {
        http.get(USERS + "?pageSize=5");
        http.post(USERS, records(rec("Name", "x")));
        new HttpJson(airtable.url(), "bad").get(EVENTS);
        http.get("/v0/meta/bases/" + BASE + "/tables");
        List<LoggedRequest> log = airtable.requests();
        assertEquals(4, log.size());
        assertEquals(List.of("GET", "POST", "GET", "GET"), log.stream().map(LoggedRequest::method).toList());
        assertEquals(List.of(200, 200, 401, 200), log.stream().map(LoggedRequest::status).toList());
        assertEquals("/v0/" + BASE + "/Users", log.get(0).path());
        assertEquals("pageSize=5", log.get(0).query());
        assertTrue(log.get(1).body().contains("\"x\""));
        assertEquals("/v0/" + BASE + "/Event Log", log.get(2).path());
        assertTrue(log.stream().allMatch(r -> BASE.equals(r.baseId())));
        assertTrue(log.get(0).isDataRequest());
        assertFalse(log.get(3).isDataRequest());
        for (int i = 1; i < log.size(); i++) {
            assertFalse(log.get(i).at().isBefore(log.get(i - 1).at()));
        }
        airtable.clearRequests();
        assertTrue(airtable.requests().isEmpty());
    }

    // ------------------------------------------------------------------ persistence, schema, concurrency

    @Test
    void persistsBasesInTheDataFolderAcrossRestarts(@TempDir Path dir) throws IOException {
        String id;
        String createdTime;
        try (AirtableEmulator first = AirtableEmulator.start(new EmulatorOptions().requestsPerSecond(0).dataDir(dir))) {
            first.addBase(BASE, schema());
            HttpJson client = new HttpJson(first.url(), first.options().token());
            HttpJson.Response r = client.post(USERS, Map.of("typecast", true, "records", List.of(rec("Name", "kept", "Status", "New option", "Age", 7))));
            assertEquals(200, r.status(), r::toString);
            id = (String) r.records().get(0).get("id");
            createdTime = (String) r.records().get(0).get("createdTime");
            client.post(USERS, records(rec("Name", "deleted later")));
            String gone = (String) first.records(BASE, "Users").get(1).get("id");
            assertEquals(200, client.delete(USERS + "/" + gone).status());
        }
        assertTrue(Files.exists(dir.resolve(BASE + ".json")));
        try (AirtableEmulator second = AirtableEmulator.start(new EmulatorOptions().requestsPerSecond(0).dataDir(dir))) {
            List<Map<String, Object>> users = second.records(BASE, "Users");
            assertEquals(1, users.size());
            assertEquals(id, users.get(0).get("id"));
            assertEquals(createdTime, users.get(0).get("createdTime"));
            assertEquals("kept", ((Map<?, ?>) users.get(0).get("fields")).get("Name"));
            assertTrue(second.schemaJson(BASE).contains("New option"), "typecast options persist with the schema");
            second.addBase(BASE, schema()); // the launcher does this on every start: records stay
            assertEquals(1, second.records(BASE, "Users").size());
            HttpJson client = new HttpJson(second.url(), second.options().token());
            HttpJson.Response next = client.post(USERS, records(rec("Name", "after restart")));
            assertEquals(3L, ((Map<?, ?>) next.records().get(0).get("fields")).get("User No"), "auto numbers continue");
        }
    }

    @Test
    void refusesUnusableSchemasNamingTheProblem() {
        IllegalArgumentException badLink = assertThrows(IllegalArgumentException.class, () -> airtable.addBase("appBad0000000001",
                "{\"tables\":[{\"name\":\"A\",\"fields\":[{\"name\":\"L\",\"type\":\"multipleRecordLinks\",\"options\":{\"linkedTableId\":\"Nope\"}}]}]}"));
        assertTrue(badLink.getMessage().contains("table A, field L"), badLink.getMessage());
        IllegalArgumentException noType = assertThrows(IllegalArgumentException.class, () -> airtable.addBase("appBad0000000001",
                "{\"tables\":[{\"name\":\"A\",\"fields\":[{\"name\":\"F\"}]}]}"));
        assertTrue(noType.getMessage().contains("table A, field F"), noType.getMessage());
        assertThrows(IllegalArgumentException.class, () -> airtable.addBase("appBad0000000001", "not json"));
        IllegalArgumentException seed = assertThrows(IllegalArgumentException.class,
                () -> airtable.putRecord(BASE, "Users", Map.of("Nope", 1)));
        assertTrue(seed.getMessage().contains("UNKNOWN_FIELD_NAME"), seed.getMessage());
    }

    @Test
    void servesSchemaAndBaseListThroughTheMetadataApi() {
        HttpJson.Response bases = http.get("/v0/meta/bases");
        assertEquals(200, bases.status());
        assertEquals(List.of(Map.of("id", BASE, "name", "Emulator test base", "permissionLevel", "create")), bases.map().get("bases"));
        HttpJson.Response schema = http.get("/v0/meta/bases/" + BASE + "/tables");
        assertEquals(200, schema.status());
        String users = tableId("Users");
        assertTrue(users.matches("tbl[A-Za-z0-9]{14}"));
        assertEquals(users, tableId("Users"), "generated IDs are stable");
        assertEquals("INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", http.get("/v0/meta/bases/junk/tables").errorType());
    }

    @Test
    void staysConsistentUnderConcurrentClients() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        HttpJson.Response r = http.post(USERS, records(rec("Name", "t" + thread + "-" + i), rec("Name", "u" + thread + "-" + i)));
                        assertEquals(200, r.status(), r::toString);
                        r.records().forEach(x -> ids.add((String) x.get("id")));
                        // every thread upserts the same shared keys: exactly one record per key must result
                        HttpJson.Response u = http.patch(USERS, Map.of("performUpsert", Map.of("fieldsToMergeOn", List.of("Key")),
                                "records", List.of(rec("Key", "shared-" + (i % 5), "Age", thread))));
                        assertEquals(200, u.status(), u::toString);
                        http.get(USERS + "?pageSize=7");
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(320, new HashSet<>(ids).size());
            List<Map<String, Object>> all = airtable.records(BASE, "Users");
            assertEquals(325, all.size());
            long shared = all.stream().filter(r -> String.valueOf(((Map<?, ?>) r.get("fields")).get("Key")).startsWith("shared-")).count();
            assertEquals(5, shared);
            assertEquals(8 * 20 * 3, airtable.requests().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void seedsAndResetsThroughTheJavaApi() {
        String id = airtable.putRecord(BASE, "Users", Map.of("Name", "seeded", "Age", 3));
        assertTrue(airtable.requests().isEmpty(), "seeding is not logged");
        Map<String, Object> record = airtable.records(BASE, "Users").get(0);
        assertEquals(id, record.get("id"));
        assertNotNull(record.get("createdTime"));
        airtable.reset(BASE);
        assertTrue(airtable.records(BASE, "Users").isEmpty());
        assertEquals(1L, ((Map<?, ?>) http.post(USERS, records(rec("Name", "n"))).records().get(0).get("fields")).get("User No"));
    }
}
