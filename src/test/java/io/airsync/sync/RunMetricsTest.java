package io.airsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.airsync.report.RunSummary;
import io.airsync.report.TableSummary;
import io.airsync.testing.airtable.AirtableEmulatorResource;
import io.airsync.testing.local.LocalDirResource;
import io.airsync.testing.mongo.MongoWireResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metric line each run prints, as the alarms read it: {@code RunsNotSucceeded} for partial and failed runs,
 * {@code RunsSucceeded} only for a run that synced (a dry run writes nothing, so its success does not keep the
 * "no succeeded run" alarm quiet). The bean as the function has it.
 *
 * <p>It needs none of them, but it has {@link SyncEngineTest}'s test resources so that it runs in that test's
 * application instead of starting one of its own (each distinct resource set or profile restarts Quarkus).
 */
@QuarkusTest
@WithTestResource(MongoWireResource.class)
@WithTestResource(AirtableEmulatorResource.class)
@WithTestResource(LocalDirResource.class)
class RunMetricsTest {

    @Inject
    RunMetrics metrics;

    @Test
    void succeededSyncsCountAsSuccessesAndPartialOrFailedRunsAsFailures() {
        assertCounts(summary("succeeded", "sync"), 0, 1);
        assertCounts(summary("succeeded", "reconcile"), 0, 1);
        assertCounts(summary("succeeded", "dry-run"), 0, 0);
        assertCounts(summary("partial", "sync"), 1, 0);
        assertCounts(summary("failed", "sync"), 1, 0);
        assertCounts(summary("failed", null), 1, 0); // could not start, or a mapping that cannot load
        assertCounts(summary("continued", "sync"), 0, 0);
    }

    @Test
    void theLineDeclaresBothRunMetricsInTheConfiguredNamespace() {
        Map<String, Object> doc = metrics.document(summary("succeeded", "sync"), 1L);
        String declared = doc.get("_aws").toString();
        for (String name : List.of("RunsNotSucceeded", "RunsSucceeded", "RecordsFailed", "RecordsWritten")) {
            assertEquals(true, declared.contains("Name=" + name), name + " is declared: " + declared);
        }
        assertEquals(true, declared.contains("Namespace=Airsync"), declared);
        assertEquals(List.of(List.of("Function")), ((Map<?, ?>) ((List<?>) ((Map<?, ?>) doc.get("_aws"))
                .get("CloudWatchMetrics")).get(0)).get("Dimensions"));
    }

    private void assertCounts(RunSummary summary, int notSucceeded, int succeeded) {
        Map<String, Object> doc = metrics.document(summary, 1L);
        String what = summary.status() + "/" + summary.mode();
        assertEquals(notSucceeded, doc.get("RunsNotSucceeded"), what);
        assertEquals(succeeded, doc.get("RunsSucceeded"), what);
    }

    private static RunSummary summary(String status, String mode) {
        List<TableSummary> tables = List.of();
        return new RunSummary("r1", status, mode, "2026-12-02T16:00:00Z", 10, tables, Map.of(), null, null, null);
    }
}
