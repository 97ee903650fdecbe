package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.sync.LambdaInvoker;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.EmulatorOptions;
import io.airsync.testing.airtable.LoggedRequest;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.reliability.ReliabilityStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run against what a real account answers: the month's API calls spent, and a personal access token that lacks a
 * scope or the base. The run ends at once with a message naming the cause, and writes nothing.
 */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
class RealAccountRunTest {

    AirtableEmulator airtable = ReliabilityStack.airtable();

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(ReliabilityStack.database(), 20);
    }

    @Test
    void theMonthsCallsSpentCostOneRequestThenTheRunEnds() {
        airtable.options().monthlyCallLimit(1); // the schema is answered, then the plan is spent
        JsonPath run = LambdaInvoker.invoke("{}");

        assertEquals("failed", run.getString("status"), run.prettify());
        assertTrue(run.getString("error").contains("API calls for this month are spent"), run.getString("error"));
        List<LoggedRequest> log = airtable.requests();
        assertEquals(1, log.stream().filter(r -> r.status() == 429).count(), log::toString);
        assertEquals(429, log.get(log.size() - 1).status(), "nothing was sent after the refusal");
        assertEquals(2, log.size(), log::toString);
        assertEquals(0, run.getLong("requests.rateLimited"), "not taken for the per-second limit");
    }

    @Test
    void aTokenWithoutTheSchemaScopeFailsTheRunNamingIt() {
        useToken(Set.of(EmulatorOptions.READ_RECORDS, EmulatorOptions.WRITE_RECORDS), null);
        JsonPath run = LambdaInvoker.invoke("{}");

        assertFailedBeforeAnyRecordRequest(run, "lacks the schema.bases:read scope");
    }

    @Test
    void aBaseNotGrantedToTheTokenFailsTheRunNamingIt() {
        useToken(EmulatorOptions.ALL_SCOPES, Set.of("appSomeOtherBase1"));
        JsonPath run = LambdaInvoker.invoke("{}");

        assertFailedBeforeAnyRecordRequest(run, "base " + ReliabilityStack.BASE_ID + " is not granted to this token");
    }

    @Test
    void aTokenWithoutTheWriteScopeFailsTheRunAndWritesNothing() {
        useToken(Set.of(EmulatorOptions.READ_RECORDS, EmulatorOptions.READ_SCHEMA), null);
        JsonPath run = LambdaInvoker.invoke("{}");

        assertEquals("failed", run.getString("status"), run.prettify());
        assertTrue(run.getString("error").contains("lacks the data.records:write scope"), run.getString("error"));
        assertTrue(airtable.records(ReliabilityStack.BASE_ID, "Users").isEmpty());
        assertEquals(0, airtable.requests().stream().filter(r -> r.status() == 200 && r.isDataRequest()
                && !r.method().equals("GET")).count(), "no write succeeded");
    }

    /** The configured token stays the only one Airsync knows; the emulator now grants it only this much. */
    private void useToken(Set<String> scopes, Set<String> bases) {
        airtable.options().grant(ReliabilityStack.TOKEN, scopes, bases);
    }

    private void assertFailedBeforeAnyRecordRequest(JsonPath run, String cause) {
        assertEquals("failed", run.getString("status"), run.prettify());
        assertTrue(run.getString("error").contains(cause), run.getString("error"));
        assertEquals(0, airtable.requests().stream().filter(LoggedRequest::isDataRequest).count(),
                () -> airtable.requests().toString());
    }
}
