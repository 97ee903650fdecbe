package io.airsync.testing.airtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a real account meets and the emulator must answer like Airtable, over HTTP: token scopes and granted bases
 * (403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND), the plan's monthly call limit (429 PUBLIC_API_BILLING_LIMIT_EXCEEDED),
 * creating tables through the metadata API, and the documented details of upserts, rich text, '+' in paths and
 * POST listRecords.
 */
class AirtableEmulatorAccountTest {
    static final String BASE = "appAccountTest001";
    static final String OTHER = "appAccountTest002";
    static final String USERS = "/v0/" + BASE + "/Users";
    static final String SCHEMA = """
            {"name":"Account test","tables":[
              {"name":"Users","fields":[
                {"name":"Key","type":"singleLineText"},
                {"name":"Email","type":"email"},
                {"name":"Notes","type":"richText"},
                {"name":"Age","type":"number","options":{"precision":0}},
                {"name":"Seen","type":"dateTime","options":{"timeZone":"utc","dateFormat":{"name":"iso"},"timeFormat":{"name":"24hour"}}}]},
              {"name":"A+B","fields":[{"name":"Name","type":"singleLineText"}]},
              {"name":"A B","fields":[{"name":"Name","type":"singleLineText"}]}
            ]}""";

    AirtableEmulator airtable;
    HttpJson http;

    @BeforeEach
    void start() {
        airtable = AirtableEmulator.start(new EmulatorOptions().requestsPerSecond(0));
        airtable.addBase(BASE, SCHEMA);
        airtable.addBase(OTHER, SCHEMA);
        http = new HttpJson(airtable.url(), airtable.options().token());
    }

    @AfterEach
    void stop() {
        airtable.close();
    }

    static Map<String, Object> upsert(List<String> mergeOn, Map<String, Object> fields) {
        return Map.of("performUpsert", Map.of("fieldsToMergeOn", mergeOn), "records", List.of(Map.of("fields", fields)));
    }

    @Test
    void scopesAndGrantedBasesDecideWhatATokenMayDo() {
        airtable.options().grant("patReadOnly", Set.of(EmulatorOptions.READ_RECORDS, EmulatorOptions.READ_SCHEMA), Set.of(BASE));
        airtable.options().grant("patNoSchema", Set.of(EmulatorOptions.READ_RECORDS, EmulatorOptions.WRITE_RECORDS), null);
        HttpJson readOnly = new HttpJson(airtable.url(), "patReadOnly");
        HttpJson noSchema = new HttpJson(airtable.url(), "patNoSchema");

        assertEquals(200, readOnly.get(USERS).status());
        assertEquals(200, readOnly.get("/v0/meta/bases/" + BASE + "/tables").status());
        assertForbidden(readOnly.post(USERS, Map.of("records", List.of(Map.of("fields", Map.of("Key", "k"))))));
        assertForbidden(readOnly.get("/v0/" + OTHER + "/Users"));
        assertForbidden(readOnly.get("/v0/meta/bases/" + OTHER + "/tables"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> bases = (List<Map<String, Object>>) readOnly.get("/v0/meta/bases").map().get("bases");
        assertEquals(List.of(BASE), bases.stream().map(b -> b.get("id")).toList(), "only the granted base is listed");

        assertEquals(200, noSchema.post(USERS, Map.of("records", List.of(Map.of("fields", Map.of("Key", "k"))))).status());
        assertForbidden(noSchema.get("/v0/meta/bases/" + BASE + "/tables"));
        assertForbidden(noSchema.get("/v0/meta/bases"));

        assertForbidden(http.get("/v0/" + BASE + "/Nope"));
        assertForbidden(http.get("/v0/appNoSuchBase000/Users"));
        assertEquals(0, airtable.records(BASE, "Users").stream().filter(r -> r.toString().contains("readOnly")).count());
    }

    @Test
    void theMonthlyCallLimitAnswersBillingLimitExceeded() {
        airtable.options().monthlyCallLimit(2);
        assertEquals(200, http.get(USERS).status());
        assertEquals(200, http.get(USERS).status());
        HttpJson.Response spent = http.get(USERS);
        assertEquals(429, spent.status());
        assertEquals("PUBLIC_API_BILLING_LIMIT_EXCEEDED", spent.errorType());
        airtable.startNewMonth();
        assertEquals(200, http.get(USERS).status());
    }

    @Test
    void tablesAreCreatedThroughTheMetadataApi() {
        HttpJson.Response created = http.post("/v0/meta/bases/" + BASE + "/tables", Map.of("name", "Scratch",
                "fields", List.of(Map.of("name", "Key", "type", "singleLineText"),
                        Map.of("name", "N", "type", "number", "options", Map.of("precision", 2)))));
        assertEquals(200, created.status(), created::toString);
        assertTrue(String.valueOf(created.map().get("id")).startsWith("tbl"), created::toString);
        assertEquals(200, http.post("/v0/" + BASE + "/Scratch", Map.of("fields", Map.of("Key", "a", "N", 1.25))).status());
        assertEquals(422, http.post("/v0/meta/bases/" + BASE + "/tables", Map.of("name", "Scratch",
                "fields", List.of(Map.of("name", "Key", "type", "singleLineText")))).status(), "names are unique");
        airtable.options().grant("patNoSchemaWrite", Set.of(EmulatorOptions.READ_SCHEMA), null);
        assertForbidden(new HttpJson(airtable.url(), "patNoSchemaWrite").post("/v0/meta/bases/" + BASE + "/tables",
                Map.of("name", "Other", "fields", List.of(Map.of("name", "Key", "type", "singleLineText")))));
    }

    @Test
    void upsertMergeFieldsFollowTheDocumentation() {
        // "number, text, long text, single select, multiple select, date": not email, not dateTime.
        HttpJson.Response byEmail = http.patch(USERS, upsert(List.of("Email"), Map.of("Email", "a@example.com")));
        assertEquals(422, byEmail.status(), byEmail::toString);
        assertEquals(422, http.patch(USERS, upsert(List.of("Seen"), Map.of("Seen", "2026-01-01T00:00:00.000Z"))).status());
        assertEquals(200, http.patch(USERS, upsert(List.of("Age"), Map.of("Age", 3))).status());

        // A null (or absent) merge value matches nothing: the record is created, every time.
        HashMapFields fields = new HashMapFields().put("Key", null).put("Age", 7);
        HttpJson.Response first = http.patch(USERS, upsert(List.of("Key"), fields.map));
        assertEquals(200, first.status(), first::toString);
        assertEquals(1, ((List<?>) first.map().get("createdRecords")).size());
        HttpJson.Response second = http.patch(USERS, upsert(List.of("Key"), fields.map));
        assertEquals(1, ((List<?>) second.map().get("createdRecords")).size(), "no match on an empty key");
    }

    @Test
    void richTextIsNormalisedAsAirtableDoes() {
        HttpJson.Response created = http.post(USERS, Map.of("fields", Map.of("Key", "r", "Notes", "#header\n* bullet")));
        assertEquals(200, created.status(), created::toString);
        assertEquals("#header\n- bullet\n", fields(created).get("Notes"));
        String id = (String) created.map().get("id");
        HttpJson.Response emptied = http.patch(USERS + "/" + id, Map.of("fields", new HashMapFields().put("Notes", null).map));
        assertEquals("\n", fields(emptied).get("Notes"), "an emptied rich text cell answers a newline");
        HttpJson.Response fresh = http.post(USERS, Map.of("fields", Map.of("Key", "s")));
        assertFalse(fields(fresh).containsKey("Notes"), "never written: no cell");
    }

    @Test
    void aPlusInATablePathIsAPlus() {
        assertEquals(200, http.post("/v0/" + BASE + "/A+B", Map.of("fields", Map.of("Name", "plus"))).status());
        assertEquals(200, http.post("/v0/" + BASE + "/A%20B", Map.of("fields", Map.of("Name", "space"))).status());
        assertEquals(List.of("plus"), airtable.records(BASE, "A+B").stream().map(r -> fieldsOf(r).get("Name")).toList());
        assertEquals(List.of("space"), airtable.records(BASE, "A B").stream().map(r -> fieldsOf(r).get("Name")).toList());
    }

    @Test
    void postListRecordsTakesTimeZoneAndLocaleFromTheQueryOnly() {
        HttpJson.Response inQuery = http.post(USERS + "/listRecords?timeZone=Europe%2FParis&userLocale=fr",
                Map.of("cellFormat", "string"));
        assertEquals(200, inQuery.status(), inQuery::toString);
        HttpJson.Response inBody = http.post(USERS + "/listRecords",
                Map.of("cellFormat", "string", "timeZone", "Europe/Paris", "userLocale", "fr"));
        assertEquals(422, inBody.status(), inBody::toString);
    }

    private static void assertForbidden(HttpJson.Response r) {
        assertEquals(403, r.status(), r::toString);
        assertEquals("INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", r.errorType(), r::toString);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(HttpJson.Response r) {
        return (Map<String, Object>) r.map().get("fields");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldsOf(Map<String, Object> record) {
        return (Map<String, Object>) record.get("fields");
    }

    /** Map.of refuses nulls; JSON nulls are what is being tested. */
    private static final class HashMapFields {
        final Map<String, Object> map = new java.util.LinkedHashMap<>();

        HashMapFields put(String k, Object v) {
            map.put(k, v);
            return this;
        }
    }
}
