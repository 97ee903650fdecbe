package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import io.airsync.sync.LambdaInvoker;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.reliability.ReliabilityStack;
import io.airsync.testing.reliability.RunReportFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A messy dataset the test generates (fractions in a percent field whose mapping says 0..100, e-mails without a valid
 * shape, arrays of addresses in e-mail and phone fields, decimals into precision 0, a 1970 placeholder date, control
 * characters), synced through the wire-protocol MongoDB and the Airtable emulator with the default mapping: nothing
 * fails (nothing is strict there), and the report and the JSON summary say, first, which values contradict the
 * mapping, how many, and in which records; text changes are counted per field.
 */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
class MessyValuesTest {

    static final int USERS = 40;

    AirtableEmulator airtable = ReliabilityStack.airtable();
    MongoCollection<Document> users;

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        users = ReliabilityStack.database().getCollection("users");
        users.drop();
    }

    @Test
    void valuesThatContradictTheMappingAreWarnedAboutFirstWithCountsAndRecords() {
        List<Document> docs = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            docs.add(new Document("_id", new ObjectId(String.format("7b00000000000000%08d", i)))
                    .append("email", "user" + i + "@example.org")
                    .append("phone", "+33 6 12 34 56 " + String.format("%02d", i))
                    .append("firstName", "Name" + i)
                    // The application stores completeness as a 0..1 fraction; the mapping says percentScale: hundred.
                    .append("profile_completeness", 0.25 + i / 100.0)
                    .append("event_count", i)
                    .append("last_active", Date.from(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400L * i))));
        }
        docs.get(0).put("email", "not an address");
        docs.get(1).put("email", "ann.example.com");
        docs.get(2).put("email", List.of("a@example.org", "b@example.org"));
        docs.get(3).put("phone", List.of("+33 6 11 11 11 11", "+33 6 22 22 22 22"));
        docs.get(4).put("event_count", 2.5);
        docs.get(5).put("event_count", 7.25);
        docs.get(6).put("last_active", new Date(0));
        docs.get(7).put("firstName", "Con\u0000trol\u0007");
        docs.get(8).put("firstName", "Bell\u0007");
        docs.get(11).put("email", " USER11@example.org");  // the natural key of docs[10], in other case
        users.insertMany(docs);
        String id = docs.get(0).getObjectId("_id").toHexString();

        JsonPath run = LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");

        assertEquals("succeeded", run.getString("status"), "warnings fail nothing: " + run.prettify());
        assertEquals(USERS, run.getInt("tables[0].created"));
        Map<String, Map<String, Object>> warnings = new LinkedHashMap<>();
        for (Map<String, Object> w : run.<Map<String, Object>>getList("warnings")) {
            warnings.put(w.get("field") + " " + w.get("kind"), w);
        }
        assertEquals(List.of("Email TEXT_SHAPE", "Email ARRAY_JOINED", "Phone ARRAY_JOINED", "Event Count DECIMALS_LOST",
                "Last Active DATE_OUTLIER", "Profile Completeness PERCENT_SCALE"), List.copyOf(warnings.keySet()),
                run.prettify());
        assertCount(warnings, "Profile Completeness PERCENT_SCALE", USERS, USERS);
        assertCount(warnings, "Email TEXT_SHAPE", 2, USERS);
        assertCount(warnings, "Email ARRAY_JOINED", 1, USERS);
        assertCount(warnings, "Phone ARRAY_JOINED", 1, USERS);
        assertCount(warnings, "Event Count DECIMALS_LOST", 2, USERS);
        assertCount(warnings, "Last Active DATE_OUTLIER", 1, USERS);
        assertEquals(List.of(id, docs.get(1).getObjectId("_id").toHexString()),
                warnings.get("Email TEXT_SHAPE").get("records"), "the records to look at");
        assertEquals(List.of(docs.get(6).getObjectId("_id").toHexString()),
                warnings.get("Last Active DATE_OUTLIER").get("records"));

        Map<String, Object> firstName = run.<Map<String, Object>>getList("tables[0].textChanges").stream()
                .filter(c -> "First Name".equals(c.get("field"))).findFirst().orElseThrow();
        assertEquals(2, firstName.get("controlCharactersRemoved"));
        Map<String, Object> email = run.<Map<String, Object>>getList("tables[0].textChanges").stream()
                .filter(c -> "Email".equals(c.get("field"))).findFirst().orElseThrow();
        assertEquals(1, email.get("arraysJoined"));

        String report = RunReportFiles.report(run);
        int warningsAt = report.indexOf("## Warnings: values that contradict the mapping");
        assertTrue(warningsAt > 0 && warningsAt < report.indexOf("## Tables"), "warnings come first:\n" + report);
        assertTrue(report.contains("100 times too small"), report);
        assertTrue(report.contains("| First Name | 2 | 0 | 0 |"), "control characters removed, per field:\n" + report);
        assertFalse(report.contains("ann.example.com"), "no address in the report");
        assertTrue(report.contains("| Profile Completeness | percent | 40 | 0 (0%) | 0 | 0.26 to 0.65 |"),
                "the value profile, per field:\n" + report);
        assertTrue(report.contains("| Last Active | dateTime | 40 | 0 (0%) | 0 | 1970 to 2024 |"), report);

        // A duplicate natural key names both documents, the key masked; every problem is in the problems file.
        String firstOfKey = docs.get(10).getObjectId("_id").toHexString();
        String secondOfKey = docs.get(11).getObjectId("_id").toHexString();
        String duplicateRow = report.lines().filter(l -> l.contains("DUPLICATE_NATURAL_KEY") && l.contains(secondOfKey))
                .findFirst().orElseThrow(() -> new AssertionError(report));
        assertTrue(duplicateRow.contains("source document " + firstOfKey + " has the same natural key"), duplicateRow);
        assertTrue(duplicateRow.contains("(key u***@e***.org)"), duplicateRow);
        assertFalse(report.toLowerCase(java.util.Locale.ROOT).contains("user11@"), "the key is masked");
        assertEquals(1, run.getInt("tables[0].problemsByType.DUPLICATE_NATURAL_KEY"));
        List<String> problems;
        try {
            problems = java.nio.file.Files.readAllLines(java.nio.file.Path.of(run.getString("problemsUri")));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("\"record\":\"" + secondOfKey + "\""), problems.get(0));
        assertTrue(problems.get(0).contains(firstOfKey), problems.get(0));

        // Written as the mapping says (the warning is the only signal): 0.26 read as 0.26%, rounded to 0 decimals: 0%.
        Map<String, Object> first = airtable.records(ReliabilityStack.BASE_ID, "Users").stream()
                .map(r -> fields(r)).filter(f -> id.equals(f.get("Mongo ID"))).findFirst().orElseThrow();
        assertEquals(0.0, ((Number) first.get("Profile Completeness")).doubleValue(), 1e-12);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<String, Object> record) {
        return (Map<String, Object>) record.get("fields");
    }

    private static void assertCount(Map<String, Map<String, Object>> warnings, String key, int count, int of) {
        Map<String, Object> w = warnings.get(key);
        assertEquals(count, w.get("count"), key + ": " + w);
        assertEquals(of, w.get("of"), key + ": " + w);
    }
}
