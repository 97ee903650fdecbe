package io.airsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.MappingLoader;
import io.airsync.mapping.SyncMapping;
import io.airsync.mapping.TableMapping;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.AirtableEmulatorResource;
import io.airsync.testing.airtable.LoggedRequest;
import io.airsync.testing.local.LocalDirResource;
import io.airsync.testing.mongo.MongoWireResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sync engine end to end, through the Lambda handler: the wire-protocol MongoDB as the source, the Airtable
 * emulator over HTTP as the destination, local files for state and reports.
 */
@QuarkusTest
@WithTestResource(MongoWireResource.class)
@WithTestResource(AirtableEmulatorResource.class)
@WithTestResource(LocalDirResource.class)
class SyncEngineTest {

    static final String BASE = AirtableEmulatorResource.BASE_ID;
    static final Set<String> WRITES = Set.of("POST", "PATCH", "PUT", "DELETE");

    // No injection: the same tests run against the packaged artifact (SyncEngineIT).
    static final SyncMapping MAPPING = new MappingLoader().load(MappingLoader.DEFAULT_LOCATION);

    MongoDatabase db;
    AirtableEmulator airtable;
    List<ObjectId> users;
    List<ObjectId> events;
    List<ObjectId> messages;

    @BeforeEach
    void freshWorld() {
        db = MongoWireResource.database();
        db.drop();
        airtable = AirtableEmulatorResource.emulator();
        airtable.reset(BASE);
        airtable.refuseSelectOptionCreation(BASE, false);
        airtable.clearRequests();
        LocalDirResource.wipe();
        seed(25, 3, 40);
    }

    @Test
    void firstRunCreatesEveryRecordWithEveryMappedFieldAndCorrectLinks() {
        JsonPath summary = LambdaInvoker.invoke("{}");
        assertEquals("succeeded", summary.getString("status"), summary.prettify());
        assertEquals(List.of(25, 3, 40), summary.getList("tables.created", Integer.class));

        List<Map<String, Object>> userRows = airtable.records(BASE, "Users");
        assertEquals(25, userRows.size());
        Map<String, Object> first = byKey(userRows, "Users", users.get(0).toHexString());
        assertEquals(" User0@Example.COM ".strip(), first.get(field("Users", "email")));
        assertEquals("Ana0", first.get(field("Users", "firstName")));
        assertEquals(new BigDecimal("12.5"), new BigDecimal(String.valueOf(first.get(field("Users", "total_spent")))));
        assertEquals(List.of("Cooking", "Wine"), first.get(field("Users", "interests")));
        assertEquals(Boolean.TRUE, first.get(field("Users", "profile_ready")));

        // Every mapped field of a fully populated user reached Airtable.
        for (FieldMapping f : table("Users").fields()) {
            assertTrue(first.containsKey(f.airtable()), "field " + f.airtable() + " missing in " + first.keySet());
        }

        List<Map<String, Object>> messageRows = airtable.records(BASE, "Messages");
        assertEquals(40, messageRows.size());
        Map<String, String> userRecordIds = recordIdsByKey(userRows, "Users");
        Map<String, String> eventRecordIds = recordIdsByKey(airtable.records(BASE, "Events"), "Events");
        for (Document m : db.getCollection("messages").find()) {
            Map<String, Object> row = byKey(messageRows, "Messages", m.getObjectId("_id").toHexString());
            assertEquals(List.of(userRecordIds.get(m.getObjectId("user_id").toHexString())), row.get(field("Messages", "user_id", true)));
            assertEquals(List.of(eventRecordIds.get(m.getObjectId("event_id").toHexString())), row.get(field("Messages", "event_id", true)));
        }
    }

    @Test
    void secondRunOverUnchangedDataSendsNoWriteRequest() {
        LambdaInvoker.invoke("{}");
        airtable.clearRequests();
        JsonPath second = LambdaInvoker.invoke("{}");
        assertEquals("succeeded", second.getString("status"));
        assertEquals(List.of(25, 3, 40), second.getList("tables.unchanged", Integer.class));
        assertEquals(List.of(), writes(), "no write request on an unchanged second run");
    }

    @Test
    void changingOneFieldOfOneUserSendsOnePatchWithOnlyThatField() {
        LambdaInvoker.invoke("{}");
        db.getCollection("users").updateOne(Filters.eq("_id", users.get(3)), Updates.set("occupation", "Sommelier"));
        airtable.clearRequests();

        JsonPath run = LambdaInvoker.invoke("{}");
        assertEquals(List.of(1, 0, 0), run.getList("tables.updated", Integer.class));
        List<LoggedRequest> writes = writes();
        assertEquals(1, writes.size(), writes.toString());
        assertEquals("PATCH", writes.get(0).method());
        JsonPath body = JsonPath.from(writes.get(0).body());
        assertEquals(1, body.getList("records").size());
        assertEquals(Map.of(field("Users", "occupation"), "Sommelier"), body.getMap("records[0].fields"));
        assertEquals("Sommelier", byKey(airtable.records(BASE, "Users"), "Users", users.get(3).toHexString())
                .get(field("Users", "occupation")));
    }

    @Test
    void rowsCreatedByHandAreAdoptedByNaturalKeyNotDuplicated() {
        // An operator typed this user in by hand before Airsync ran: no key, the e-mail in another case and spacing.
        String recordId = airtable.putRecord(BASE, "Users", Map.of(field("Users", "email"), "  user5@EXAMPLE.com",
                field("Users", "occupation"), "typed by hand"));
        JsonPath run = LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");
        assertEquals(24, run.getInt("tables[0].created"));
        assertEquals(1, run.getInt("tables[0].updated"));
        List<Map<String, Object>> rows = airtable.records(BASE, "Users");
        assertEquals(25, rows.size(), "adopted, not duplicated");
        Map<String, Object> adopted = rows.stream().filter(r -> r.get("id").equals(recordId)).findFirst().orElseThrow();
        assertEquals(users.get(5).toHexString(), fields(adopted).get(keyField("Users")));
    }

    @Test
    void aValueAirtableRejectsFailsThatRecordAloneAndItsBatchMatesAreWritten() throws Exception {
        // A user's record deleted by hand after it was synced: messages still link to its record ID (from the state),
        // and Airtable answers 422 ROW_DOES_NOT_EXIST for the whole batch holding one of them.
        LambdaInvoker.invoke("{\"tables\":[\"Users\",\"Events\"]}");
        deleteByHand("Users", recordIdsByKey(airtable.records(BASE, "Users"), "Users").get(users.get(4).toHexString()));
        List<String> linking = new ArrayList<>();
        db.getCollection("messages").find(Filters.eq("user_id", users.get(4)))
                .forEach(m -> linking.add(m.getObjectId("_id").toHexString()));
        assertEquals(2, linking.size());

        JsonPath run = LambdaInvoker.invoke("{\"tables\":[\"Messages\"]}");
        assertEquals("partial", run.getString("status"));
        assertEquals(38, run.getInt("tables[0].created"));
        assertEquals(2, run.getInt("tables[0].failed"));
        assertEquals(38, airtable.records(BASE, "Messages").size());
        String report = readReport(run);
        for (String id : linking) {
            assertTrue(report.contains("| " + id + " | " + field("Messages", "user_id", true) + " | ROW_DOES_NOT_EXIST |"), report);
        }
    }

    @Test
    void aRecordDeletedByHandIsCreatedAgainWhenItsDocumentChangesAndItsBatchMatesKeepTheirRecords() throws Exception {
        LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");
        Map<String, String> before = recordIdsByKey(airtable.records(BASE, "Users"), "Users");
        String goneKey = users.get(4).toHexString();
        deleteByHand("Users", before.get(goneKey));
        db.getCollection("users").updateMany(Filters.exists("_id"), Updates.set("occupation", "Sommelier"));
        airtable.clearRequests();

        JsonPath run = LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");
        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(1, run.getInt("tables[0].created"));
        assertEquals(24, run.getInt("tables[0].updated"));
        Map<String, String> after = recordIdsByKey(airtable.records(BASE, "Users"), "Users"); // throws on a duplicate key
        assertEquals(25, after.size());
        assertFalse(after.get(goneKey).equals(before.get(goneKey)), "created again under a new record ID");
        before.remove(goneKey);
        before.forEach((key, id) -> assertEquals(id, after.get(key), "batch-mates keep their records"));
        airtable.records(BASE, "Users").forEach(r -> assertEquals("Sommelier", fields(r).get(field("Users", "occupation"))));
        // 3 PATCH batches, one refused (ROW_DOES_NOT_EXIST) and sent again as one upsert on the key: 4 writes. The hand
        // delete is another client of the base, unseen by our pacing: when the tests before filled the base's second,
        // it can cost one 429 and a resend, which Airtable did not apply; those are not counted.
        List<LoggedRequest> applied = writes().stream().filter(r -> r.status() != 429).toList();
        assertEquals(4, applied.size(), statuses(writes()));

        airtable.clearRequests();
        LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");
        assertEquals(List.of(), writes(), "the new record ID is in the state: nothing to write");
    }

    @Test
    void aTableEmptiedInAirtableWhileStateRemainsIsRefilledAtOneRequestPerBatch() {
        // The operator emptied the base (or restored an old copy); the state still names the old record IDs.
        LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");
        airtable.reset(BASE);
        db.getCollection("users").updateMany(Filters.exists("_id"), Updates.set("occupation", "Sommelier"));
        airtable.clearRequests();

        JsonPath run = LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");
        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(25, run.getInt("tables[0].created"));
        List<Map<String, Object>> rows = airtable.records(BASE, "Users");
        assertEquals(25, recordIdsByKey(rows, "Users").size());
        rows.forEach(r -> assertEquals("Sommelier", fields(r).get(field("Users", "occupation"))));
        // Each of the 3 batches: the refused PATCH, then one upsert (splitting them would take ~29 requests each).
        assertEquals(6, writes().size(), statuses(writes()));

        // Emptied again with nothing changed in MongoDB: the state says all is written; a reconcile run reads the
        // table back and refills it.
        airtable.reset(BASE);
        assertEquals(25, LambdaInvoker.invoke("{\"tables\":[\"Users\"]}").getInt("tables[0].unchanged"));
        assertEquals(0, airtable.records(BASE, "Users").size());
        JsonPath reconcile = LambdaInvoker.invoke("{\"tables\":[\"Users\"],\"reconcile\":true}");
        assertEquals("succeeded", reconcile.getString("status"), reconcile.prettify());
        assertEquals(25, reconcile.getInt("tables[0].created"));
        assertEquals(25, recordIdsByKey(airtable.records(BASE, "Users"), "Users").size());
    }

    @Test
    void aSelectValueAirtableDoesNotOfferFailsThatRecordAloneWithoutBeingSent() {
        // Not one of the select's options, and Airsync does not typecast: the record fails before it is sent.
        db.getCollection("users").updateOne(Filters.eq("_id", users.get(4)), Updates.set("role", "Pirate King"));
        JsonPath run = LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");
        assertEquals("partial", run.getString("status"));
        assertEquals(24, run.getInt("tables[0].created"));
        assertEquals(1, run.getInt("tables[0].failed"));
        assertEquals(24, airtable.records(BASE, "Users").size());
        assertEquals(0, airtable.requests().stream().filter(r -> r.status() == 422).count());
        String report = readReport(run);
        assertTrue(report.contains(users.get(4).toHexString()), report);
        assertTrue(report.contains("SELECT_OPTION_MISSING"), report);
    }

    @Test
    void aNewChoiceIsCreatedThroughTypecastOnlyOnTheRequestsThatNeedItAndReported() {
        // Interests (multipleSelects) and Table Type Preference (singleSelect) take the default, options: create.
        String interest = "Falconry " + new ObjectId().toHexString();
        String preference = "Standing " + new ObjectId().toHexString();
        db.getCollection("users").updateOne(Filters.eq("_id", users.get(3)),
                Updates.set("interests", List.of("Cooking", interest)));
        db.getCollection("users").updateOne(Filters.eq("_id", users.get(17)),
                Updates.set("tableTypePreference", preference));

        JsonPath run = LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");

        assertEquals("succeeded", run.getString("status"), run.prettify());
        assertEquals(25, run.getInt("tables[0].created"));
        assertEquals(List.of("Cooking", interest),
                byKey(airtable.records(BASE, "Users"), "Users", users.get(3).toHexString()).get("Interests"));
        assertTrue(airtable.schemaJson(BASE).contains(interest) && airtable.schemaJson(BASE).contains(preference),
                "Airtable created the choices");
        List<LoggedRequest> typecast = writes().stream().filter(r -> r.body().contains("\"typecast\":true")).toList();
        assertEquals(1, typecast.size(), "one request carried both new choices: " + statuses(writes()));
        assertTrue(typecast.get(0).body().contains(interest) && typecast.get(0).body().contains(preference));
        assertTrue(writes().stream().filter(r -> !typecast.contains(r)).noneMatch(r -> r.body().contains("typecast")),
                "the other requests go without typecast");
        String report = readReport(run);
        assertTrue(report.contains("### Select options created (2)"), report);
        assertTrue(report.contains("| Users | Interests | " + interest + " |"), report);
        assertTrue(report.contains("| Users | Table Type Preference | " + preference + " |"), report);
        // The summary (also a log line) counts them per field, without the values.
        assertEquals(Map.of("Interests", 1, "Table Type Preference", 1),
                run.getMap("tables[0].optionsCreatedByField"), run.prettify());
        assertFalse(run.prettify().contains(interest), "no created choice verbatim in the summary");

        // The created choices are choices now: the next run is a no-op.
        airtable.clearRequests();
        JsonPath again = LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");
        assertEquals(25, again.getInt("tables[0].unchanged"), again.prettify());
        assertEquals(List.of(), writes());
        assertFalse(readReport(again).contains("Select options created"));
        assertEquals(Map.of(), again.getMap("tables[0].optionsCreatedByField"));
    }

    @Test
    void aTokenThatMayNotCreateChoicesFailsOnlyTheRecordsNeedingThemAndTheReportSaysHowToFixIt() {
        airtable.refuseSelectOptionCreation(BASE, true);
        String interest = "Origami " + new ObjectId().toHexString();
        for (int i : new int[] {5, 11}) {
            db.getCollection("users").updateOne(Filters.eq("_id", users.get(i)),
                    Updates.set("interests", List.of("Wine", interest)));
        }

        JsonPath run = LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");

        assertEquals("partial", run.getString("status"), run.prettify());
        assertEquals(23, run.getInt("tables[0].created"), "the other users are synced");
        assertEquals(2, run.getInt("tables[0].failed"));
        assertEquals(23, airtable.records(BASE, "Users").size());
        assertFalse(airtable.schemaJson(BASE).contains(interest), "no choice was created");
        String report = readReport(run);
        for (int i : new int[] {5, 11}) {
            assertTrue(report.contains("| " + users.get(i).toHexString() + " | Interests | INVALID_MULTIPLE_CHOICE_OPTIONS | "
                    + "Insufficient permissions to create new select option"), report);
        }
        assertTrue(report.contains("Add those options to the fields in Airtable, or give the token's owner creator "
                + "permission on the base"), report);
        assertFalse(report.contains("Select options created"), report);
    }

    @Test
    void aMessageWhoseUserWasDeletedStillSyncsAndTheLinkProblemIsReported() {
        db.getCollection("users").deleteOne(Filters.eq("_id", users.get(0)));
        long orphanMessages = db.getCollection("messages").countDocuments(Filters.eq("user_id", users.get(0)));
        assertTrue(orphanMessages > 0);
        JsonPath run = LambdaInvoker.invoke("{}");
        assertEquals(40, run.getInt("tables[2].created"));
        assertEquals(orphanMessages, run.getLong("tables[2].linkProblems"));
        for (Document m : db.getCollection("messages").find(Filters.eq("user_id", users.get(0)))) {
            Map<String, Object> row = byKey(airtable.records(BASE, "Messages"), "Messages", m.getObjectId("_id").toHexString());
            assertNull(row.get(field("Messages", "user_id", true)), "the link is left empty");
            assertNotNull(row.get(field("Messages", "message_text")));
        }
        assertTrue(readReport(run).contains("LINK_TARGET_MISSING"));
    }

    @Test
    void dryRunSendsNoWriteAndPlansExactlyWhatTheRealRunThenDoes() {
        airtable.putRecord(BASE, "Users", Map.of(field("Users", "email"), "user7@example.com"));
        JsonPath plan = LambdaInvoker.invoke("{\"dryRun\":true}");
        assertEquals("dry-run", plan.getString("mode"));
        assertEquals(List.of(), writes());
        assertEquals(1, airtable.records(BASE, "Users").size());

        JsonPath run = LambdaInvoker.invoke("{}");
        for (String count : List.of("created", "updated", "unchanged", "deleted", "failed")) {
            assertEquals(plan.getList("tables." + count), run.getList("tables." + count), count);
        }
        assertTrue(readReport(plan).contains("create"), "the dry-run report shows sample changes");
    }

    // ------------------------------------------------------------------------------------------------------------

    private void seed(int userCount, int eventCount, int messageCount) {
        users = new ArrayList<>();
        events = new ArrayList<>();
        messages = new ArrayList<>();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            ObjectId id = new ObjectId(String.format("65a000000000000000%06d", i));
            users.add(id);
            docs.add(new Document("_id", id)
                    .append("email", i == 0 ? " User0@Example.COM " : "user" + i + "@example.com")
                    .append("firstName", "Ana" + i).append("lastName", "Pérez " + i)
                    .append("phone", "+33 6 12 34 56 " + String.format("%02d", i))
                    .append("role", "user").append("gender", "female")
                    .append("birthDay", new Date(631152000000L + i * 86_400_000L))
                    .append("occupation", "Chef").append("homeNeighborhood", "Marais")
                    .append("interests", List.of("Cooking", "Wine")).append("tableTypePreference", "Communal")
                    .append("event_count", i).append("order_count", i * 2)
                    .append("total_spent", new Decimal128(new BigDecimal("12.50")))
                    .append("last_active", new Date(1700000000000L)).append("days_inactive", 3)
                    .append("engagement_status", "active").append("journey_stage", "loyal")
                    .append("value_segment", "high").append("user_segment", "regular").append("churn_risk", "low")
                    .append("profile_completeness", 80).append("profile_ready", true)
                    .append("summary", "Loves long dinners 🍷 and مرحبا")
                    .append("createdAt", new Date(1690000000000L)).append("updatedAt", new Date(1700000000000L)));
        }
        db.getCollection("users").insertMany(docs);
        docs.clear();
        for (int i = 0; i < eventCount; i++) {
            ObjectId id = new ObjectId(String.format("65b000000000000000%06d", i));
            events.add(id);
            docs.add(new Document("_id", id).append("name", "Supper Club #" + i).append("description", "A long table")
                    .append("startDate", new Date(1710000000000L)).append("endDate", new Date(1710010000000L))
                    .append("location", "Paris").append("eventType", "Dinner").append("cuisine", "French")
                    .append("tableType", "Communal").append("maxCapacity", 12).append("price", 45.0)
                    .append("participantCount", 10).append("participationPercentage", 83.3)
                    .append("participant_top_interests", List.of("Wine")).append("participant_top_occupations", List.of("Chef"))
                    .append("qualifies_seat_newcomers", true).append("qualifies_fill_the_table", false)
                    .append("summary", "Good").append("createdAt", new Date(1700000000000L)).append("updatedAt", new Date(1700000000000L)));
        }
        db.getCollection("events").insertMany(docs);
        docs.clear();
        for (int i = 0; i < messageCount; i++) {
            ObjectId id = new ObjectId(String.format("65c000000000000000%06d", i));
            messages.add(id);
            ObjectId user = users.get(i % userCount);
            ObjectId event = events.get(i % eventCount);
            docs.add(new Document("_id", id).append("user_id", user).append("event_id", event)
                    .append("user_name", "Ana").append("user_email", "user@example.com").append("user_phone", "+33 6")
                    .append("user_summary", "s").append("event_name", "Supper").append("event_summary", "e")
                    .append("message_text", "Hi Ana, join us at supper number " + i + "!")
                    .append("personalization_notes", "n").append("character_count", 40).append("similarity_score", 0.8731)
                    .append("confidence_percentage", 91).append("reasoning", "r").append("status", "draft")
                    .append("campaign", "fill_the_table").append("generated_at", new Date(1700000000000L))
                    .append("updatedAt", new Date(1700000000000L)));
        }
        db.getCollection("messages").insertMany(docs);
    }

    private TableMapping table(String name) {
        return MAPPING.table(name).orElseThrow();
    }

    private String keyField(String table) {
        return table(table).keyField();
    }

    /** The Airtable field the default mapping feeds from {@code source}. */
    private String field(String table, String source) {
        return field(table, source, false);
    }

    private String field(String table, String source, boolean link) {
        return table(table).fields().stream().filter(f -> f.source().equals(source) && f.isLink() == link)
                .findFirst().orElseThrow(() -> new AssertionError("no field for " + source)).airtable();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<String, Object> row) {
        return (Map<String, Object>) row.get("fields");
    }

    private Map<String, Object> byKey(List<Map<String, Object>> rows, String table, String mongoId) {
        return rows.stream().map(SyncEngineTest::fields).filter(f -> mongoId.equals(f.get(keyField(table))))
                .findFirst().orElseThrow(() -> new AssertionError("no " + table + " record for " + mongoId));
    }

    private Map<String, String> recordIdsByKey(List<Map<String, Object>> rows, String table) {
        return rows.stream().collect(Collectors.toMap(r -> String.valueOf(fields(r).get(keyField(table))),
                r -> String.valueOf(r.get("id"))));
    }

    private void deleteByHand(String table, String recordId) throws IOException, InterruptedException {
        HttpResponse<String> gone = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(airtable.url() + "/v0/" + BASE + "/" + table + "/" + recordId))
                .header("Authorization", "Bearer " + AirtableEmulatorResource.TOKEN).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, gone.statusCode(), gone.body());
    }

    private static String statuses(List<LoggedRequest> requests) {
        return requests.stream().map(r -> r.method() + " " + r.status()).toList().toString();
    }

    private List<LoggedRequest> writes() {
        return airtable.requests().stream().filter(r -> WRITES.contains(r.method())).toList();
    }

    private static String readReport(JsonPath summary) {
        try {
            // Markdown escapes underscores and pipes; compare with the text a reader sees.
            return Files.readString(Path.of(summary.getString("reportUri"))).replace("\\", "");
        } catch (IOException e) {
            throw new AssertionError("report not readable at " + summary.getString("reportUri"), e);
        }
    }
}
