package io.airsync.sync;

import io.airsync.report.RunReport;
import io.airsync.state.RunCheckpoint;

/** Between a table's report (counts as a run goes) and its checkpointed progress (what the next invocation adds to). */
final class CheckpointProgress {

    private CheckpointProgress() {
    }

    static RunCheckpoint.TableProgress of(RunReport.TableReport tr) {
        return new RunCheckpoint.TableProgress(tr.name, tr.status, tr.sourceCount, tr.created, tr.updated,
                tr.unchanged, tr.deleted, tr.failed, tr.linkProblems, tr.error);
    }

    /** Adds the counts an earlier invocation reached to this invocation's report of the table. */
    static void addTo(RunCheckpoint.TableProgress p, RunReport.TableReport tr) {
        tr.sourceCount += p.sourceCount();
        tr.created += p.created();
        tr.updated += p.updated();
        tr.unchanged += p.unchanged();
        tr.deleted += p.deleted();
        tr.failed += p.failed();
        tr.linkProblems += p.linkProblems();
    }
}
