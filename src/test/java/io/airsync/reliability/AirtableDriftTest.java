package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airsync.sync.LambdaInvoker;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.AirtableEmulatorResource;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.reliability.FaultTrigger;
import io.airsync.testing.reliability.ReliabilityStack;
import io.airsync.testing.reliability.RunReportFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Airtable base changed under Airsync (a mapped field deleted or retyped, a select option removed, a table
 * renamed): the table concerned fails with a message that names it and what changed, before any write to it; the
 * other tables are synced as usual.
 */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
class AirtableDriftTest {

    static final int USERS = 30;
    static final ObjectMapper JSON = new ObjectMapper();

    AirtableEmulator airtable = ReliabilityStack.airtable();
    DemoDataGenerator.Counts counts;

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        counts = new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(ReliabilityStack.database(), USERS);
    }

    @Test
    void aMappedFieldDeletedInAirtableFailsItsTableOnly() {
        changeSchema("Users", table -> removeField(table, "Occupation"));
        JsonPath run = LambdaInvoker.invoke("{}");

        assertTableFailedOthersSynced(run, 0, "mapped field missing in Airtable table 'Users': Occupation");
    }

    @Test
    void aMappedFieldRetypedInAirtableFailsItsTableOnly() {
        changeSchema("Users", table -> field(table, "Event Count").put("type", "singleLineText").remove("options"));
        JsonPath run = LambdaInvoker.invoke("{}");

        assertTableFailedOthersSynced(run, 0,
                "field 'Event Count' is mapped as number but is singleLineText in Airtable table 'Users'");
    }

    @Test
    void theKeyFieldRetypedInAirtableFailsItsTableOnly() {
        changeSchema("Events", table -> field(table, "Mongo ID").put("type", "number").set("options",
                JSON.createObjectNode().put("precision", 0)));
        JsonPath run = LambdaInvoker.invoke("{}");

        assertTableFailedOthersSynced(run, 1, "key field 'Mongo ID' is number (not text) in Airtable table 'Events'");
    }

    @Test
    void aTableRenamedInAirtableFailsThatTableOnly() {
        changeSchema("Events", table -> table.put("name", "Happenings"));
        JsonPath run = LambdaInvoker.invoke("{}");

        assertTableFailedOthersSynced(run, 1,
                "Airtable table 'Events' does not exist in base " + ReliabilityStack.BASE_ID + " (renamed or deleted?)");
        assertTrue(run.getLong("tables[2].linkProblems") > 0, "messages keep their other fields, links to events left empty");
    }

    @Test
    void aSelectOptionRemovedInAirtableFailsTheRecordsThatUseItWithoutSendingThem() {
        changeSchema("Users", table -> {
            ArrayNode choices = (ArrayNode) field(table, "Role").get("options").get("choices");
            for (Iterator<com.fasterxml.jackson.databind.JsonNode> it = choices.iterator(); it.hasNext(); ) {
                if (it.next().get("name").asText().equals("user")) {
                    it.remove();
                }
            }
        });
        long withRemovedOption = ReliabilityStack.database().getCollection("users")
                .countDocuments(new Document("role", "user"));
        assertTrue(withRemovedOption > 0 && withRemovedOption < USERS, "the demo data has users of several roles");

        JsonPath run = LambdaInvoker.invoke("{}");

        assertEquals("partial", run.getString("status"), run.prettify());
        assertEquals(withRemovedOption, run.getLong("tables[0].failed"));
        assertEquals(USERS - withRemovedOption, run.getLong("tables[0].created"), "the other users are synced");
        assertEquals(0, airtable.requests().stream().filter(r -> r.status() == 422).count(),
                "nothing Airtable would refuse was sent");
        String report = RunReportFiles.report(run);
        assertTrue(report.contains("| Role | SELECT_OPTION_MISSING | 'u***' is not an option of this field in Airtable"),
                report);
        assertEquals(counts.events(), run.getLong("tables[1].created"), "other tables go on");
        assertEquals(counts.messages(), run.getLong("tables[2].created"), "other tables go on");
    }

    // ------------------------------------------------------------------------------------------------------------

    private void assertTableFailedOthersSynced(JsonPath run, int failedIndex, String error) {
        assertEquals("partial", run.getString("status"), run.prettify());
        String[] tables = {"Users", "Events", "Messages"};
        int[] sizes = {counts.users(), counts.events(), counts.messages()};
        for (int t = 0; t < tables.length; t++) {
            if (t == failedIndex) {
                assertEquals("failed", run.getString("tables[" + t + "].status"));
                String tableError = run.getString("tables[" + t + "].error");
                assertTrue(tableError.contains(error), tableError);
                assertTrue(RunReportFiles.report(run).contains(error), "the report says why");
                String name = tables[t];
                assertEquals(0, airtable.requests().stream().filter(FaultTrigger::isWrite)
                        .filter(r -> r.path().contains("/" + name)).count(), "nothing written to " + name);
            } else {
                assertEquals(sizes[t], run.getLong("tables[" + t + "].created"), tables[t] + " synced: " + run.prettify());
                assertEquals(0, run.getLong("tables[" + t + "].failed"), tables[t]);
            }
        }
    }

    /** Replaces the base's schema by the default one with {@code change} applied to one table. */
    private void changeSchema(String table, Consumer<ObjectNode> change) {
        try {
            ObjectNode schema = (ObjectNode) JSON.readTree(Files.readString(AirtableEmulatorResource.schemaFile()));
            for (com.fasterxml.jackson.databind.JsonNode t : schema.get("tables")) {
                if (t.get("name").asText().equals(table)) {
                    change.accept((ObjectNode) t);
                }
            }
            airtable.addBase(ReliabilityStack.BASE_ID, JSON.writeValueAsString(schema));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode field(ObjectNode table, String name) {
        for (com.fasterxml.jackson.databind.JsonNode f : table.get("fields")) {
            if (f.get("name").asText().equals(name)) {
                return (ObjectNode) f;
            }
        }
        throw new AssertionError("no field " + name);
    }

    private static void removeField(ObjectNode table, String name) {
        ArrayNode fields = (ArrayNode) table.get("fields");
        for (Iterator<com.fasterxml.jackson.databind.JsonNode> it = fields.iterator(); it.hasNext(); ) {
            if (it.next().get("name").asText().equals(name)) {
                it.remove();
            }
        }
    }
}
