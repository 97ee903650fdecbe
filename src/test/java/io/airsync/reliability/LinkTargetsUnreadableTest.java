package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.sync.LambdaInvoker;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.reliability.FaultTrigger;
import io.airsync.testing.reliability.ReliabilityStack;
import io.airsync.testing.reliability.RunReportFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An I/O failure while converting documents (the state of the linked Users table cannot be read from the store while
 * Messages is converted: here the file system refuses it) fails the table once, with that cause; no document is
 * reported as INVALID_ID or as any other per-record failure, and nothing is written.
 */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
class LinkTargetsUnreadableTest {

    AirtableEmulator airtable = ReliabilityStack.airtable();

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(ReliabilityStack.database(), 20);
    }

    @Test
    void theTableFailsOnceWithTheStoresCause() throws IOException {
        assertEquals("succeeded", LambdaInvoker.invoke("{}").getString("status"));
        // Changed messages, so that Messages would write; Users' state becomes a folder: reading it is an I/O error.
        ReliabilityStack.database().getCollection("messages").updateMany(new org.bson.Document(),
                new org.bson.Document("$set", new org.bson.Document("message_text", "changed")));
        Path usersState = ReliabilityStack.LOCAL_DIR.resolve("state").resolve("tables").resolve("Users.state");
        Files.delete(usersState);
        Files.createDirectories(usersState.resolve("not-a-state-file"));
        airtable.clearRequests();

        JsonPath run = LambdaInvoker.invoke("{\"tables\": [\"Messages\"]}");

        assertEquals("failed", run.getString("status"), run.prettify());
        assertEquals("failed", run.getString("tables[0].status"));
        String error = run.getString("tables[0].error");
        assertTrue(error.contains("state of table 'Users'"), error);
        assertEquals(0, run.getInt("tables[0].failed"), "no per-document failure: " + run.prettify());
        String report = RunReportFiles.report(run);
        assertFalse(report.contains("INVALID_ID"), report);
        assertEquals(1, DamagedStateTestBase.occurrences(report, "state of table 'Users'"), "said once:\n" + report);
        assertEquals(0, FaultTrigger.writes(airtable), "nothing written");
    }
}
