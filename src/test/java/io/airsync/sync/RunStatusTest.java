package io.airsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airsync.report.RunReport;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The summary's status rules: a run with any failed record or table is partial, never succeeded. */
class RunStatusTest {

    @Test
    void everyTableCleanIsSucceeded() {
        assertEquals("succeeded", SyncService.status(report("succeeded", 0, "succeeded", 0), false));
    }

    @Test
    void oneFailedRecordMakesTheRunPartial() {
        assertEquals("partial", SyncService.status(report("succeeded", 0, "partial", 1), false));
        // Even if a table were marked succeeded with failures counted, the count decides.
        assertEquals("partial", SyncService.status(report("succeeded", 0, "succeeded", 1), false));
    }

    @Test
    void oneFailedTableAmongOthersIsPartialAndAllFailedIsFailed() {
        assertEquals("partial", SyncService.status(report("failed", 0, "succeeded", 0), false));
        assertEquals("failed", SyncService.status(report("failed", 0, "failed", 0), false));
    }

    @Test
    void aRunErrorIsFailedAndACheckpointIsContinuedWhateverTheTables() {
        RunReport broken = report("succeeded", 0, "succeeded", 0);
        broken.error = "Airtable refused the token";
        assertEquals("failed", SyncService.status(broken, false));
        assertEquals("continued", SyncService.status(report("succeeded", 0, "continued", 2), true));
    }

    @Test
    void aDryRunStoppedByTheBudgetIsNotSucceeded() {
        assertEquals("partial", SyncService.status(report("succeeded", 0, "stopped", 0), false));
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
