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
        assertTrue(run.getBoolean("airtable.limitHit"), "the plan's limit was hit: " + run.prettify());
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

    @Test
    void aNoOpRunSendsNoAirtableRequestAtAll() {
        assertEquals("succeeded", LambdaInvoker.invoke("{}").getString("status"));
        airtable.clearRequests();

        JsonPath again = LambdaInvoker.invoke("{}");

        assertEquals("succeeded", again.getString("status"), again.prettify());
        assertEquals(List.of(), airtable.requests(), "not even the schema is read");
        assertEquals(0, again.getLong("requests.schema"));
        assertEquals(0, again.getLong("tables[0].updated") + again.getLong("tables[0].created"));
        assertEquals(0, again.getLong("airtable.thisRun"), again.prettify());
        assertTrue(again.getLong("airtable.monthToDate") > 0, "the first run's requests count for the month");
    }

    @Test
    void driftIsStillCaughtBeforeTheFirstWriteOfARunWithState() throws Exception {
        assertEquals("succeeded", LambdaInvoker.invoke("{}").getString("status"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode schema =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(airtable.schemaJson(ReliabilityStack.BASE_ID));
        for (com.fasterxml.jackson.databind.JsonNode table : schema.get("tables")) {
            if (table.get("name").asText().equals("Users")) {
                java.util.Iterator<com.fasterxml.jackson.databind.JsonNode> fields = table.get("fields").iterator();
                while (fields.hasNext()) {
                    if (fields.next().get("name").asText().equals("Occupation")) {
                        fields.remove();
                    }
                }
            }
        }
        airtable.addBase(ReliabilityStack.BASE_ID, schema.toString());
        ReliabilityStack.database().getCollection("users").updateOne(new org.bson.Document(),
                new org.bson.Document("$set", new org.bson.Document("firstName", "Changed")));
        airtable.clearRequests();

        JsonPath run = LambdaInvoker.invoke("{}");

        assertEquals("failed", run.getString("tables[0].status"), run.prettify());
        assertTrue(run.getString("tables[0].error").contains("missing in Airtable table 'Users': Occupation"),
                run.getString("tables[0].error"));
        assertEquals(List.of("/v0/meta/bases/" + ReliabilityStack.BASE_ID + "/tables"),
                airtable.requests().stream().map(LoggedRequest::path).toList(),
                "the schema is read once, for the changed table, and nothing is written");
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
