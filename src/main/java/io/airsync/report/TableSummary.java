package io.airsync.report;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Counts for one table in one run. */
@RegisterForReflection
public record TableSummary(
        String table,
        String status,
        long sourceCount,
        long created,
        long updated,
        long unchanged,
        long deleted,
        long failed,
        long linkProblems,
        String error) {
}
