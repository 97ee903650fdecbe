package io.airsync.sync;

import io.airsync.plan.SourceRecord;
import io.airsync.report.PiiMasker;
import io.airsync.report.RunReport;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One table's counts and record problems as a run goes: writes confirmed by writer threads (atomics, added to the
 * report once the writes are flushed), failures (from any thread) and problems (from the reading thread), masked
 * before they reach the report.
 */
final class TableCounters {

    final AtomicLong created = new AtomicLong();
    final AtomicLong updated = new AtomicLong();
    final AtomicLong deleted = new AtomicLong();
    private final RunReport.TableReport report;

    TableCounters(RunReport.TableReport report) {
        this.report = report;
    }

    /** Documents handed to the writer and not yet answered or failed, for the progress line. */
    long queued() {
        return report.sourceCount - report.unchanged - report.failed;
    }

    void fail(String mongoId, String field, String type, String message) {
        synchronized (report) {
            report.addFailure(new RunReport.RecordProblem(mongoId, field, type, PiiMasker.messageWithValues(message)));
        }
    }

    void fail(String mongoId, String field, SyncProblemKind kind, String message) {
        fail(mongoId, field, kind.name(), message);
    }

    /** A problem that did not fail the record: listed, and counted where its kind says. */
    void problem(String mongoId, SourceRecord.Problem p) {
        switch (p.kind().tally()) {
            case LINK -> report.linkProblems++;
            case TRUNCATED -> report.truncated++;
            case DUPLICATE -> report.duplicates++;
            case NONE -> { }
        }
        report.addProblem(new RunReport.RecordProblem(mongoId, p.field(), p.kind().name(),
                PiiMasker.messageWithValues(p.message())));
    }

    /** Airtable records sharing a key: the extra one is left alone. */
    void duplicateKey(String recordId, String keyField) {
        report.duplicates++;
        report.addProblem(new RunReport.RecordProblem(recordId, keyField, SyncProblemKind.DUPLICATE_KEY.name(),
                "another Airtable record carries the same key; this one is left alone"));
    }

    /** Adds the confirmed writes to the report (once the writes are flushed). */
    void addWritesToReport() {
        report.created += created.getAndSet(0);
        report.updated += updated.getAndSet(0);
        report.deleted += deleted.getAndSet(0);
    }
}
