package io.airsync.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.lambda.FunctionInvoker.Invocation;
import io.airsync.testing.airtable.AirtableEmulatorResource;
import io.airsync.testing.local.LocalDirResource;
import io.airsync.testing.mongo.MongoWireResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No Airtable token configured at all: the run fails at its start, saying which settings would provide one. */
@QuarkusTest
@WithTestResource(value = AirtableEmulatorResource.class,
        initArgs = @ResourceArg(name = AirtableEmulatorResource.CONFIGURE_TOKEN, value = "false"))
@WithTestResource(MongoWireResource.class)
@WithTestResource(LocalDirResource.class)
class NoTokenTest {

    @Test
    void withoutAnyTokenTheRunFailsAtItsStartNamingTheSettings() {
        Invocation run = FunctionInvoker.invoke("{}");
        JsonPath summary = run.summary();
        assertEquals("failed", summary.getString("status"), run.body());
        String error = summary.getString("error");
        for (String setting : List.of("airsync.airtable.token", "AIRSYNC_AIRTABLE_TOKEN", "airsync.airtable.token-secret",
                "AIRSYNC_AIRTABLE_TOKEN_SECRET")) {
            assertTrue(error.contains(setting), setting + " in: " + error);
        }
        assertEquals(List.of(), AirtableEmulatorResource.emulator().requests(), "no request to Airtable");
    }
}
