package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.sync.LambdaInvoker;
import io.airsync.testing.reliability.OutputCapture;
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
 * MongoDB unreachable or refusing the credentials, and the report store unusable: the run fails with one clear
 * reason, sends nothing to Airtable, and says why in the report (or, when the report store is what failed, in the
 * log and the answer). Once the cause is gone the next run goes through.
 */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
class SourceUnavailableTest {

    AirtableEmulator airtable = ReliabilityStack.airtable();

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(ReliabilityStack.database(), 10);
    }

    @Test
    void unreachableMongoFailsTheRunBeforeAnyAirtableRequest() {
        ReliabilityStack.mongoProxy().cut();
        JsonPath run = LambdaInvoker.invoke("{}");

        assertEquals("failed", run.getString("status"), run.prettify());
        String error = run.getString("error");
        assertTrue(error.contains("MongoDB at 127.0.0.1:" + ReliabilityStack.mongoProxy().port() + " is unreachable"), error);
        assertEquals(0, airtable.requests().size(), "not one Airtable request: " + airtable.requests());
        assertTrue(RunReportFiles.report(run).contains("is unreachable"), "the report says why");

        ReliabilityStack.mongoProxy().restore();
        assertEquals("succeeded", LambdaInvoker.invoke("{}").getString("status"), "the next run goes through");
    }

    @Test
    void refusedCredentialsFailTheRunBeforeAnyAirtableRequest() {
        // The password of the configured URI stops working; open (already authenticated) connections are cut too.
        ReliabilityStack.mongo().changePassword("rotated-" + System.nanoTime());
        ReliabilityStack.mongoProxy().cut();
        ReliabilityStack.mongoProxy().restore();
        int refusedBefore = ReliabilityStack.mongo().refusals();

        JsonPath run = LambdaInvoker.invoke("{}");

        assertEquals("failed", run.getString("status"), run.prettify());
        String error = run.getString("error");
        assertTrue(error.contains("refused the credentials"), error);
        assertFalse(error.contains(ReliabilityStack.MONGO_PASSWORD));
        assertTrue(ReliabilityStack.mongo().refusals() > refusedBefore, "the server did refuse a login");
        assertEquals(0, airtable.requests().size(), "not one Airtable request: " + airtable.requests());
        String report = RunReportFiles.report(run);
        assertTrue(report.contains("refused the credentials"), report);

        ReliabilityStack.mongo().changePassword(ReliabilityStack.MONGO_PASSWORD);
        assertEquals("succeeded", LambdaInvoker.invoke("{}").getString("status"), "the next run goes through");
    }

    @Test
    void anUnusableReportStoreStopsTheRunFirstAndTheLogSaysWhy() throws IOException {
        // The report folder cannot be created: a file sits where it should be.
        Path reports = ReliabilityStack.LOCAL_DIR.resolve("reports");
        Files.createDirectories(ReliabilityStack.LOCAL_DIR);
        Files.writeString(reports, "not a folder");
        JsonPath run;
        String log;
        try (OutputCapture output = OutputCapture.start()) {
            run = LambdaInvoker.invoke("{}");
            log = output.logs();
        }

        assertEquals("failed", run.getString("status"), run.prettify());
        assertNull(run.getString("reportUri"));
        String error = run.getString("error");
        assertTrue(error.startsWith("run not started: Cannot use the report folder " + reports), error);
        assertTrue(log.contains("run not started: Cannot use the report folder " + reports), log);
        assertEquals(0, airtable.requests().size(), "not one Airtable request");

        Files.delete(reports);
        assertEquals("succeeded", LambdaInvoker.invoke("{}").getString("status"), "the next run goes through");
    }
}
