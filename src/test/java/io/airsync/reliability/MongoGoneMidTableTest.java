package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.sync.LambdaInvoker;
import io.airsync.sync.MappingProvider;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.reliability.AirtableContent;
import io.airsync.testing.reliability.FaultTrigger;
import io.airsync.testing.reliability.ReliabilityStack;
import io.airsync.testing.reliability.RunReportFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MongoDB disappears in the middle of Messages (the proxy in front of it is cut after a few Messages writes; the
 * cursor's next batch fails). The table fails once, naming the cause; what was already written lands, is counted as
 * created and saved in the state; nothing is reported as an internal error; the next run creates only the rest and
 * makes no duplicate.
 */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
@TestProfile(MongoGoneMidTableTest.SmallBatches.class)
class MongoGoneMidTableTest {

    /** Batches of 10 documents: the cursor goes back to MongoDB many times per table. */
    public static class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("airsync.mongodb.batch-size", "10");
        }
    }

    AirtableEmulator airtable = ReliabilityStack.airtable();
    @Inject
    MappingProvider mappings;
    DemoDataGenerator.Counts counts;

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        counts = new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(ReliabilityStack.database(), 40);
    }

    @Test
    void whatLandedIsCountedAndSavedAndTheNextRunCreatesOnlyTheRest() {
        CompletableFuture<Void> outage = FaultTrigger.afterWrites(airtable, "Messages", 3,
                () -> ReliabilityStack.mongoProxy().cut());
        JsonPath first = LambdaInvoker.invoke("{}");
        outage.join();

        assertEquals("partial", first.getString("status"), first.prettify());
        assertEquals(List.of("succeeded", "succeeded", "failed"), first.getList("tables.status"));
        String error = first.getString("tables[2].error");
        assertTrue(error.contains("reading messages") && error.contains("MongoDB"), error);
        int landed = AirtableContent.read(airtable, ReliabilityStack.BASE_ID, mappings.mapping()).tables()
                .get("Messages").size();
        assertTrue(landed > 0 && landed < counts.messages(), "stopped inside Messages: " + landed);
        assertEquals(landed, first.getInt("tables[2].created"), "every record that landed is counted");
        assertEquals(0, first.getInt("tables[2].failed"), first.prettify());
        String report = RunReportFiles.report(first);
        assertFalse(report.contains("INTERNAL") || report.contains("CancellationException"), report);

        ReliabilityStack.mongoProxy().restore();
        airtable.clearRequests();
        JsonPath second = LambdaInvoker.invoke("{}");

        assertEquals("succeeded", second.getString("status"), second.prettify());
        assertEquals(counts.messages() - landed, second.getInt("tables[2].created"), "only the rest is created");
        assertEquals(0, second.getInt("tables[2].updated"), "what landed was saved: not rewritten");
        assertEquals(landed, second.getInt("tables[2].unchanged"));
        AirtableContent content = AirtableContent.read(airtable, ReliabilityStack.BASE_ID, mappings.mapping());
        assertEquals(List.of(), content.duplicateKeys());
        assertEquals(counts.total(), content.totalRecords());
    }
}
