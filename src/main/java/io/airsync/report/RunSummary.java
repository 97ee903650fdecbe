package io.airsync.report;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * The run's JSON summary, returned by the handler and stored next to the report.
 *
 * @param status   succeeded, partial (some records failed), failed, skipped (another run holds the lock),
 *                 continued (time ran out; checkpoint saved), or invalid (the payload was refused)
 * @param requests Airtable requests by kind (list, get, create, upsert, update, delete, schema) plus rateLimited
 * @param airtable this run's requests, the month's, the projection to the month's end and the plan's limits
 */
@RegisterForReflection
public record RunSummary(
        String runId,
        String status,
        String mode,
        String startedAt,
        long durationMs,
        List<TableSummary> tables,
        Map<String, Long> requests,
        String reportUri,
        String summaryUri,
        String error,
        AirtableUsage airtable) {

    /** A summary without Airtable usage figures (the run never reached Airtable's accounting). */
    public RunSummary(String runId, String status, String mode, String startedAt, long durationMs,
            List<TableSummary> tables, Map<String, Long> requests, String reportUri, String summaryUri, String error) {
        this(runId, status, mode, startedAt, durationMs, tables, requests, reportUri, summaryUri, error, null);
    }

    /** The summary of a report, pointing at where the report and the summary are (or will be) stored. */
    public static RunSummary of(RunReport report, String reportUri, String summaryUri) {
        return new RunSummary(report.runId, report.status, report.mode,
                report.startedAt == null ? null : report.startedAt.toString(), report.durationMs,
                report.tables.values().stream().map(RunReport.TableReport::summary).toList(),
                report.requests == null ? Map.of() : new java.util.LinkedHashMap<>(report.requests),
                reportUri, summaryUri, report.error, report.airtableUsage);
    }
}
