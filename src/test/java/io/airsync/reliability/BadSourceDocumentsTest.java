package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import io.airsync.sync.LambdaInvoker;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.reliability.ReliabilityStack;
import io.airsync.testing.reliability.RunReportFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messy source documents, end to end through the emulator: each bad document fails alone with its field and reason
 * in the report; every good one (odd but valid: control characters, emoji, right-to-left text, 150,000-character
 * text, arrays in text fields, missing fields, duplicate e-mails) is synced with the value Airsync promises.
 */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
class BadSourceDocumentsTest {

    static final int DEMO_USERS = 30;

    AirtableEmulator airtable = ReliabilityStack.airtable();
    MongoCollection<Document> users;
    /** Bad documents by _id key, with the Airtable field the report must name and a word of the reason. */
    Map<String, String[]> bad = new LinkedHashMap<>();
    /** Odd but good documents by _id key. */
    Map<String, Document> good = new LinkedHashMap<>();
    int serial;

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(ReliabilityStack.database(), DEMO_USERS);
        users = ReliabilityStack.database().getCollection("users");
    }

    @Test
    void eachBadDocumentFailsAloneWithItsReasonAndEveryGoodOneSyncs() {
        bad("a string where a number is mapped", "Event Count", "expected a number", u -> u.append("event_count", "twelve"));
        bad("an array in a number field", "Order Count", "array", u -> u.append("order_count", List.of(1, 2)));
        bad("an array in a single select", "Role", "array", u -> u.append("role", List.of("user", "host")));
        bad("a nested document in a text field", "Occupation", "nested document",
                u -> u.append("occupation", new Document("title", "Chef")));
        bad("an unreadable date", "Birthday", "date", u -> u.append("birthDay", "the 31st of Februaryish"));
        bad("an impossible calendar date", "Birthday", "date", u -> u.append("birthDay", "2023-02-30"));
        bad("a date beyond year 9999", "Last Active", "9999", u -> u.append("last_active", new Date(253_402_300_800_000L + 86_400_000L)));
        bad("NaN", "Total Spent", "finite", u -> u.append("total_spent", Double.NaN));
        bad("an infinity", "Days Inactive", "finite", u -> u.append("days_inactive", Double.POSITIVE_INFINITY));
        bad("a Decimal128 infinity", "Total Spent", "finite", u -> u.append("total_spent", Decimal128.NEGATIVE_INFINITY));
        bad("a number Airtable cannot hold exactly", "Order Count", "too large", u -> u.append("order_count", Long.MAX_VALUE));
        bad("a select value that is not an option", "Role", "SELECT_OPTION_MISSING", u -> u.append("role", "Pirate King"));

        Document controls = good("NUL and control characters", u -> u.append("firstName", "An\u0000a\u0007\u001b").append("lastName", "O'Brien\u0008"));
        Document rtl = good("emoji and right-to-left text", u -> u.append("firstName", "مرحبا 👋🏽").append("lastName", "שָׁלוֹם")
                .append("summary", "Loves 🍷 and 🧀; writes ‏עברית‎ and العربية\nsecond line"));
        String huge = "Long text. ".repeat(15_000);
        Document longText = good("a string over 100,000 characters", u -> u.append("summary", huge));
        Document joined = good("an array in a text field", u -> u.append("occupation", List.of("Chef", "  ", "Sommelier")));
        Document sparse = good("missing fields", u -> {
            u.keySet().retainAll(List.of("_id", "email"));
            return u;
        });
        Document dupA = good("an e-mail that differs only in case and spaces", u -> u.append("email", " Twin@Example.COM "));
        Document dupB = good("the same e-mail again", u -> u.append("email", "twin@example.com"));
        String stringId = "legacy-user-7";
        users.insertOne(new Document("_id", stringId).append("email", "legacy@example.com").append("firstName", "Legacy"));

        JsonPath run = LambdaInvoker.invoke("{}");

        assertEquals("partial", run.getString("status"), run.prettify());
        assertEquals(bad.size(), run.getInt("tables[0].failed"), "exactly the bad documents fail");
        int usersInMongo = (int) users.countDocuments();
        assertEquals(usersInMongo, run.getInt("tables[0].sourceCount"));
        assertEquals(usersInMongo - bad.size(), run.getInt("tables[0].created"), "every good document is created");
        assertEquals(0, run.getInt("tables[1].failed"), "other tables go on");
        assertEquals(0, run.getInt("tables[2].failed"), "other tables go on");

        String report = RunReportFiles.report(run);
        // Every failure is in the problems file; the markdown shows the first few of each type with the true totals.
        Map<String, JsonPath> failures = new LinkedHashMap<>();
        for (String line : problemLines(run)) {
            JsonPath p = JsonPath.from(line);
            if ("failed".equals(p.getString("outcome"))) {
                failures.put(p.getString("record"), p);
            }
        }
        for (Map.Entry<String, String[]> b : bad.entrySet()) {
            JsonPath row = failures.get(b.getKey());
            assertNotNull(row, "no failure line for " + b.getValue()[0] + " (" + b.getKey() + "): " + failures.keySet());
            assertEquals(b.getValue()[1], row.getString("field"), b.getValue()[0] + ": the field is named");
            assertTrue((row.getString("type") + " " + row.getString("message")).contains(b.getValue()[2]),
                    b.getValue()[0] + ": the reason is given: " + row.prettify());
            assertTrue(report.contains("| " + row.getString("type") + " | "),
                    "the report counts the type " + row.getString("type") + ":\n" + report);
        }
        assertTrue(report.contains("### Failures (" + bad.size() + ")"), report);

        Map<String, Map<String, Object>> synced = usersByKey();
        assertEquals(usersInMongo - bad.size(), synced.size());
        bad.keySet().forEach(id -> assertNull(synced.get(id), "a bad document is not in Airtable: " + id));

        assertEquals("Ana", field(synced, controls, "First Name"), "NUL and control characters removed");
        assertEquals("O'Brien", field(synced, controls, "Last Name"));
        assertEquals("مرحبا 👋🏽", field(synced, rtl, "First Name"), "emoji and RTL kept exactly");
        assertEquals("שָׁלוֹם", field(synced, rtl, "Last Name"));
        assertEquals(rtl.getString("summary"), field(synced, rtl, "Summary"));
        assertEquals(huge.substring(0, 100_000), field(synced, longText, "Summary"), "cut to Airtable's 100,000 characters");
        assertTrue(report.contains("TEXT_TRUNCATED"), "the cut is reported");
        Map<String, Object> summaryChanges = run.<Map<String, Object>>getList("tables[0].textChanges").stream()
                .filter(c -> "Summary".equals(c.get("field"))).findFirst().orElseThrow();
        assertEquals(1, summaryChanges.get("truncated"), "the cut is counted per field: " + summaryChanges);
        assertEquals("Chef, Sommelier", field(synced, joined, "Occupation"), "an array in a text field is joined");
        assertEquals(sparse.getString("email"), field(synced, sparse, "Email"));
        assertNull(field(synced, sparse, "First Name"), "missing fields stay empty");
        assertEquals("Twin@Example.COM", field(synced, dupA, "Email"));
        assertEquals("twin@example.com", field(synced, dupB, "Email"), "both duplicates synced as their own records");
        assertTrue(report.contains("DUPLICATE_NATURAL_KEY"), "the duplicate e-mail is reported");
        assertNotNull(synced.get(stringId), "a string _id is a key like any other");

        // A second run changes nothing: no bad value makes a record flap.
        airtable.clearRequests();
        JsonPath second = LambdaInvoker.invoke("{}");
        assertEquals(bad.size(), second.getInt("tables[0].failed"));
        assertEquals(0, second.getInt("tables[0].created") + second.getInt("tables[0].updated"), second.prettify());
    }

    @Test
    void aDocumentWhoseIdCannotBeAKeyFailsAloneAndTheTableGoesOn() {
        users.insertOne(new Document("_id", new Document("tenant", 4).append("n", 1)).append("email", "nested-id@example.com"));
        users.insertOne(new Document("_id", new Date(1_700_000_000_000L)).append("email", "date-id@example.com"));

        JsonPath run = LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");

        assertEquals("partial", run.getString("status"), run.prettify());
        assertEquals(2, run.getInt("tables[0].failed"));
        assertEquals(DEMO_USERS, run.getInt("tables[0].created"), "every other document is synced");
        String report = RunReportFiles.report(run);
        assertTrue(report.contains("cannot be a key"), report);
    }

    @Test
    void aSourcePathThatNeverMatchesIsAWarningInTheReport() {
        // Nobody has the field any more (renamed in the application, say): the mapping still reads it.
        users.updateMany(new Document(), new Document("$unset", new Document("tableTypePreference", "")));
        JsonPath run = LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");
        assertEquals("succeeded", run.getString("status"), run.prettify());
        String report = RunReportFiles.report(run);
        assertTrue(report.contains("source path 'tableTypePreference' matched nothing in a sample of " + DEMO_USERS
                + " documents"), report);
    }

    // ------------------------------------------------------------------------------------------------------------

    private static List<String> problemLines(JsonPath run) {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of(run.getString("problemsUri")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Document user() {
        ObjectId id = new ObjectId(String.format("7a00000000000000%08d", ++serial));
        return new Document("_id", id).append("email", "odd" + serial + "@example.org").append("firstName", "Odd")
                .append("lastName", "Case").append("role", "user").append("event_count", 1);
    }

    private void bad(String what, String field, String reason, java.util.function.UnaryOperator<Document> change) {
        Document u = change.apply(user());
        users.insertOne(u);
        bad.put(u.getObjectId("_id").toHexString(), new String[] {what, field, reason});
    }

    private Document good(String what, java.util.function.UnaryOperator<Document> change) {
        Document u = change.apply(user());
        users.insertOne(u);
        good.put(u.getObjectId("_id").toHexString(), u);
        return u;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> usersByKey() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> r : airtable.records(ReliabilityStack.BASE_ID, "Users")) {
            Map<String, Object> fields = (Map<String, Object>) r.get("fields");
            out.put(String.valueOf(fields.get("Mongo ID")), fields);
        }
        return out;
    }

    private static Object field(Map<String, Map<String, Object>> synced, Document doc, String field) {
        Map<String, Object> record = synced.get(doc.getObjectId("_id").toHexString());
        assertNotNull(record, "not synced: " + doc.toJson().substring(0, Math.min(200, doc.toJson().length())));
        return record.get(field);
    }
}
