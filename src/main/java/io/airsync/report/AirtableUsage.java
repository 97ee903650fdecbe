package io.airsync.report;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Airtable requests against the plan: this run's, the calendar month's so far (UTC, this run included), a linear
 * projection to the month's end, and the limits in force (null when none is set).
 *
 * @param limitHit true when the plan's limits stopped work in this run: a table not started for the budget, creates
 *                 refused past the records-per-base cap, or the month's calls spent (429 from Airtable)
 */
@RegisterForReflection
public record AirtableUsage(
        String month,
        long thisRun,
        long monthToDate,
        long projectedMonth,
        Long monthlyBudget,
        Long recordsPerBase,
        String plan,
        boolean limitHit) {
}
