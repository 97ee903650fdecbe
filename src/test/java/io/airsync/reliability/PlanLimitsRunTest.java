package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.state.FileRequestCountStore;
import io.airsync.sync.LambdaInvoker;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.reliability.OutputCapture;
import io.airsync.testing.reliability.ReliabilityStack;
import io.airsync.testing.reliability.RunReportFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Airtable plan's limits in a run, over HTTP against the emulator: the Free plan (1,000 calls a month) with the
 * records-per-base cap lowered to 100 (the data: 20 users, 50 events, 80 messages). A budget that runs out mid-run leaves the next table unstarted; creates past
 * the cap are refused; both make the run partial, say why with figures, and emit AirtablePlanLimitHit.
 */
@QuarkusTest
@TestProfile(PlanLimitsRunTest.FreePlan.class)
@WithTestResource(ReliabilityStack.class)
class PlanLimitsRunTest {

    public static class FreePlan implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("airsync.airtable.plan", "free", "airsync.airtable.records-per-base", "100");
        }
    }

    static final int USERS = 20;
    AirtableEmulator airtable = ReliabilityStack.airtable();
    DemoDataGenerator.Counts counts;

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        counts = new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(ReliabilityStack.database(), USERS);
    }

    @Test
    void aBudgetThatRunsOutMidRunLeavesTheNextTableUnstarted() {
        // 988 of the Free plan's 1,000 calls already spent this month: 12 left. Users needs ~3 (sends 4: schema, list,
        // two upserts), Events ~6 (a list, five upserts), Messages ~1 list + 8 upserts: 2 are left, it is not started.
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        new FileRequestCountStore(ReliabilityStack.LOCAL_DIR.resolve("state")).add(ReliabilityStack.BASE_ID, month, 988);

        JsonPath run;
        String printed;
        try (OutputCapture out = OutputCapture.start()) {
            run = LambdaInvoker.invoke("{}");
            printed = out.all();
        }

        assertEquals("partial", run.getString("status"), run.prettify());
        assertEquals("succeeded", run.getString("tables[0].status"));
        assertEquals("succeeded", run.getString("tables[1].status"));
        assertEquals("failed", run.getString("tables[2].status"));
        String reason = run.getString("tables[2].error");
        assertTrue(reason.startsWith("not started: Messages needs about 9 Airtable requests, and 2 of the monthly budget"
                + " of 1000 are left (998 used in " + month + ", plan free)"), reason);
        assertEquals(0, airtable.records(ReliabilityStack.BASE_ID, "Messages").size());
        assertEquals(0, airtable.requests().stream().filter(r -> r.path().contains("/Messages")).count());
        assertEquals(10, run.getLong("airtable.thisRun"));
        assertEquals(998, run.getLong("airtable.monthToDate"));
        assertEquals(1000, run.getLong("airtable.monthlyBudget"));
        assertTrue(run.getBoolean("airtable.limitHit"));
        assertTrue(printed.contains("\"AirtablePlanLimitHit\":1"), "the metric the alarm watches");
        String report = RunReportFiles.report(run);
        assertTrue(report.contains("| Month to date | 998 |"), report);
    }

    @Test
    void createsPastTheRecordCapAreRefused() {
        JsonPath run = LambdaInvoker.invoke("{}");

        assertEquals("partial", run.getString("status"), run.prettify());
        long total = counts.users() + counts.events() + counts.messages();
        assertTrue(total > 100, "the demo data passes the cap");
        assertEquals(100, airtable.records(ReliabilityStack.BASE_ID, "Users").size()
                + airtable.records(ReliabilityStack.BASE_ID, "Events").size()
                + airtable.records(ReliabilityStack.BASE_ID, "Messages").size(), "the base holds exactly the cap");
        assertEquals(total - 100, run.getLong("tables[2].failed"));
        assertTrue(run.getBoolean("airtable.limitHit"));
        String report = RunReportFiles.report(run);
        assertTrue(report.contains("RECORD_CAP | not created: the base would pass its cap of 100 records (plan free)"), report);
    }
}
