package io.airsync.report;

import java.nio.file.Path;
import java.time.Instant;

/** Keeps each run's markdown report and JSON summary: S3 in Lambda, local files for the local run. */
public interface ReportStore {

    /** A cheap check that fails fast when the store is unreachable. */
    void verifyAccess();

    /**
     * Stores the report under a dated key ({@code <prefix>YYYY/MM/DD/<startedAt>-<runId>.md} and {@code .json}) and
     * under the stable {@code <prefix>latest.md} / {@code latest.json}.
     */
    StoredReport store(String runId, Instant startedAt, String markdown, String summaryJson);

    /**
     * Where {@link #store} will put this run's dated report and summary, without writing anything: lets the summary
     * name its own location before it is stored.
     */
    StoredReport locate(String runId, Instant startedAt);

    /**
     * Stores the run's problems file (JSON lines, see {@link ProblemLog}) beside its summary, under
     * {@code <prefix>YYYY/MM/DD/<startedAt>-<runId>.problems.jsonl}; returns where.
     */
    String storeProblems(String runId, Instant startedAt, Path jsonLines);

    record StoredReport(String reportUri, String summaryUri) {
    }
}
