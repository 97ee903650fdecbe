package io.airsync.state;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * Where a run that ran out of time stopped, so the next invocation resumes there. Persisted as JSON by
 * {@link CheckpointJson} with a format version; this is the state layer's own form, independent of the report.
 *
 * @param runId           the run being continued (kept across invocations)
 * @param startedAt       when the first invocation of the run started
 * @param tables          the tables the run was asked to sync, in order
 * @param dryRun          the run's options
 * @param reconcile       the run's options
 * @param completed       counts of the tables already finished
 * @param currentTable    the table in progress (null between tables)
 * @param lastId          the last source {@code _id} handled in the current table, with its BSON type: the document
 *                        {@code {"_id": <value>}} in canonical Extended JSON ({@code io.airsync.source.SourceId});
 *                        resume reads after it
 * @param currentPartial  counts of the current table so far (null between tables)
 * @param invocations     how many invocations this run has taken so far
 */
@RegisterForReflection
public record RunCheckpoint(
        String runId,
        Instant startedAt,
        List<String> tables,
        boolean dryRun,
        boolean reconcile,
        List<TableProgress> completed,
        String currentTable,
        String lastId,
        TableProgress currentPartial,
        int invocations) {

    /**
     * One table's counts as far as the run got. {@code status} is the sync layer's table status as it is written in
     * summaries (succeeded, partial, failed...): kept as that text so the checkpoint stays readable across versions.
     */
    @RegisterForReflection
    public record TableProgress(
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
}
