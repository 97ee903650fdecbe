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
 * @param pending         documents of the current table handled but not written because the deadline came first
 *                        (their typed {@code _id}s, as {@code lastId}): the next invocation writes them first; empty
 *                        when none (format 3; absent before)
 * @param readBack        how far the current table's read-back (the listing of Airtable when the table had no state,
 *                        or on reconcile) got, its rows stored beside the table's state; null when none (format 3)
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
        int invocations,
        List<String> pending,
        ReadBack readBack) {

    public RunCheckpoint {
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    /** A checkpoint with nothing pending and no read-back in progress. */
    public RunCheckpoint(String runId, Instant startedAt, List<String> tables, boolean dryRun, boolean reconcile,
            List<TableProgress> completed, String currentTable, String lastId, TableProgress currentPartial,
            int invocations) {
        this(runId, startedAt, tables, dryRun, reconcile, completed, currentTable, lastId, currentPartial, invocations,
                List.of(), null);
    }

    /**
     * The current table's read-back: {@code offset} Airtable's offset of the next page (null: from the first page),
     * {@code complete} when every page was read, {@code stalls} how many times Airtable forgot the offset (the
     * listing then started again, keeping the rows stored), {@code cut} when the read-back was abandoned after too
     * many stalls (the table goes on with the rows read).
     */
    @RegisterForReflection
    public record ReadBack(String offset, boolean complete, int stalls, boolean cut) {
    }

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
