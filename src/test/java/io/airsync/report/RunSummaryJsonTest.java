package io.airsync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryJsonTest {

    @Test
    void writesFieldsInDeclarationOrderWithNullsAndReadsBack() {
        Map<String, Long> requests = new LinkedHashMap<>();
        requests.put("list", 3L);
        requests.put("rateLimited", 0L);
        RunSummary summary = new RunSummary("r-1", "succeeded", "sync", "2024-05-01T10:00:00Z", 1500,
                List.of(new TableSummary("Users", "succeeded", 3, 1, 1, 1, 0, 0, 0, null)), requests,
                "s3://b/reports/x.md", "s3://b/reports/x.json", null);

        String json = RunSummaryJson.writeCompact(summary);

        assertEquals("{\"runId\":\"r-1\",\"status\":\"succeeded\",\"warnings\":[],\"mode\":\"sync\","
                + "\"startedAt\":\"2024-05-01T10:00:00Z\","
                + "\"durationMs\":1500,\"tables\":[{\"table\":\"Users\",\"status\":\"succeeded\",\"sourceCount\":3,"
                + "\"created\":1,\"updated\":1,\"unchanged\":1,\"deleted\":0,\"failed\":0,\"linkProblems\":0,"
                + "\"error\":null,\"textChanges\":[],\"failuresByType\":{},\"problemsByType\":{},\"optionsCreatedByField\":{}}],"
                + "\"requests\":{\"list\":3,\"rateLimited\":0},\"reportUri\":\"s3://b/reports/x.md\","
                + "\"summaryUri\":\"s3://b/reports/x.json\",\"problemsUri\":null,\"error\":null,\"airtable\":null}", json);
        assertEquals(summary, RunSummaryJson.read(json));
        assertEquals(summary, RunSummaryJson.read(RunSummaryJson.write(summary)));
        assertTrue(RunSummaryJson.write(summary).contains("\n  \"status\" : \"succeeded\""));
    }

    @Test
    void valueWarningsComeRightAfterTheStatusAndReadBack() {
        io.airsync.profile.ValueWarning w = new io.airsync.profile.ValueWarning("Users", "Score",
                io.airsync.profile.ValueKind.PERCENT_SCALE, 40, 40, "all 40 values lie between 0 and 1", List.of("a1"),
                false);
        RunSummary summary = new RunSummary("r-3", "succeeded", List.of(w), "sync", "2024-05-01T10:00:00Z", 1,
                List.of(), Map.of(), null, null, null, null);
        String json = RunSummaryJson.writeCompact(summary);
        assertTrue(json.startsWith("{\"runId\":\"r-3\",\"status\":\"succeeded\",\"warnings\":[{\"table\":\"Users\","
                + "\"field\":\"Score\",\"kind\":\"PERCENT_SCALE\",\"count\":40,\"of\":40,"), json);
        assertEquals(summary, RunSummaryJson.read(json));
    }

    @Test
    void summarisesARunReport() {
        RunReport report = new RunReport("r-2", Instant.parse("2024-05-01T10:00:00Z"), "dry-run");
        report.status = "partial";
        report.durationMs = 42;
        report.requests.put("list", 1L);
        report.table("Users").created = 4;
        report.table("Users").status = "partial";

        RunSummary summary = RunSummary.of(report, "a.md", "a.json");

        assertEquals(new RunSummary("r-2", "partial", "dry-run", "2024-05-01T10:00:00Z", 42,
                List.of(new TableSummary("Users", "partial", 0, 4, 0, 0, 0, 0, 0, null)), Map.of("list", 1L),
                "a.md", "a.json", null), summary);
    }
}
