package io.airsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airsync.report.RunReport;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The summary's status rules: a run with any failed record or table is partial, never succeeded. */
class RunStatusTest {

    @Test
    void everyTableCleanIsSucceeded() {
        assertEquals("succeeded", RunStatus.of(report("succeeded", 0, "succeeded", 0), false).wire());
    }

    @Test
    void oneFailedRecordMakesTheRunPartial() {
        assertEquals("partial", RunStatus.of(report("succeeded", 0, "partial", 1), false).wire());
        // Even if a table were marked succeeded with failures counted, the count decides.
        assertEquals("partial", RunStatus.of(report("succeeded", 0, "succeeded", 1), false).wire());
    }

    @Test
    void oneFailedTableAmongOthersIsPartialAndAllFailedIsFailed() {
        assertEquals("partial", RunStatus.of(report("failed", 0, "succeeded", 0), false).wire());
        assertEquals("failed", RunStatus.of(report("failed", 0, "failed", 0), false).wire());
    }

    @Test
    void aRunErrorIsFailedAndACheckpointIsContinuedWhateverTheTables() {
        RunReport broken = report("succeeded", 0, "succeeded", 0);
        broken.error = "Airtable refused the token";
        assertEquals("failed", RunStatus.of(broken, false).wire());
        assertEquals("continued", RunStatus.of(report("succeeded", 0, "continued", 2), true).wire());
    }

    @Test
    void aDryRunStoppedByTheBudgetIsNotSucceeded() {
        assertEquals("partial", RunStatus.of(report("succeeded", 0, "stopped", 0), false).wire());
    }

    private static RunReport report(String firstStatus, long firstFailed, String secondStatus, long secondFailed) {
        RunReport r = new RunReport("r1", Instant.parse("2025-06-01T03:00:00Z"), "sync");
        RunReport.TableReport a = r.table("Users");
        a.status = firstStatus;
        a.failed = firstFailed;
        RunReport.TableReport b = r.table("Messages");
        b.status = secondStatus;
        b.failed = secondFailed;
        return r;
    }
}
