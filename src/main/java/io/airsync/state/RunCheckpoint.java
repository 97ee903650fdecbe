package io.airsync.state;

import io.airsync.report.TableSummary;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * Where a run that ran out of time stopped, so the next invocation resumes there.
 *
 * @param runId           the run being continued (kept across invocations)
 * @param startedAt       when the first invocation of the run started
 * @param tables          the tables the run was asked to sync, in order
 * @param dryRun          the run's options
 * @param reconcile       the run's options
 * @param completed       summaries of the tables already finished
 * @param currentTable    the table in progress (null between tables)
 * @param lastId          the last source {@code _id} handled in the current table, with its BSON type: the document
 *                        {@code {"_id": <value>}} in canonical Extended JSON ({@code io.airsync.source.SourceId});
 *                        resume reads after it
 * @param invocations     how many invocations this run has taken so far
 */
@RegisterForReflection
public record RunCheckpoint(
        String runId,
        Instant startedAt,
        List<String> tables,
        boolean dryRun,
        boolean reconcile,
        List<TableSummary> completed,
        String currentTable,
        String lastId,
        TableSummary currentPartial,
        int invocations) {
}
