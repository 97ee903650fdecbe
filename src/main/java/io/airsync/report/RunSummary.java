package io.airsync.report;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.airsync.profile.ValueWarning;
import java.util.List;
import java.util.Map;

/**
 * The run's JSON summary, returned by the handler and stored next to the report.
 *
 * @param status   succeeded, partial (some records failed), failed, skipped (another run holds the lock),
 *                 continued (time ran out; checkpoint saved), or invalid (the payload was refused)
 * @param warnings values that contradict the mapping, every table's, first (see {@link ValueWarning})
 * @param problemsUri where every failure and problem of the run is, one JSON object a line (null: none)
 * @param requests Airtable requests by kind (list, get, create, upsert, update, delete, schema) plus rateLimited
 */
@RegisterForReflection
public record RunSummary(
        String runId,
        String status,
        List<ValueWarning> warnings,
        String mode,
        String startedAt,
        long durationMs,
        List<TableSummary> tables,
        Map<String, Long> requests,
        String reportUri,
        String summaryUri,
        String problemsUri,
        String error) {

    public RunSummary {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A summary without value warnings (runs that did not get to read values). */
    public RunSummary(String runId, String status, String mode, String startedAt, long durationMs,
            List<TableSummary> tables, Map<String, Long> requests, String reportUri, String summaryUri, String error) {
        this(runId, status, List.of(), mode, startedAt, durationMs, tables, requests, reportUri, summaryUri, null, error);
    }

    /** The summary of a report, pointing at where the report and the summary are (or will be) stored. */
    public static RunSummary of(RunReport report, String reportUri, String summaryUri) {
        return new RunSummary(report.runId, report.status, report.valueWarnings(), report.mode,
                report.startedAt == null ? null : report.startedAt.toString(), report.durationMs,
                report.tables.values().stream().map(RunReport.TableReport::summary).toList(),
                report.requests == null ? Map.of() : new java.util.LinkedHashMap<>(report.requests),
                reportUri, summaryUri, null, report.error);
    }
}
