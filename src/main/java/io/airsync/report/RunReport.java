package io.airsync.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run has to say, filled in as it goes and rendered to markdown at the end. Record keys, values and
 * messages put here must already be masked (see {@link PiiMasker}); the renderer prints them as they are.
 */
public final class RunReport {

    /** How many failures / problems / diffs each table keeps in detail (counts are always complete). */
    public static final int DETAIL_LIMIT = 200;

    public final String runId;
    public final Instant startedAt;
    public final String mode;
    public final Map<String, TableReport> tables = new LinkedHashMap<>();
    public final List<String> notes = new ArrayList<>();
    public String status;
    public String error;
    public long durationMs;
    public Map<String, Long> requests = new LinkedHashMap<>();
    public String stateLocation;

    public RunReport(String runId, Instant startedAt, String mode) {
        this.runId = runId;
        this.startedAt = startedAt;
        this.mode = mode;
    }

    public TableReport table(String name) {
        return tables.computeIfAbsent(name, TableReport::new);
    }

    /** One table's part of the report. */
    public static final class TableReport {
        public final String name;
        public String status = "pending"; // the sync layer's TableStatus, as written in summaries
        public String error;
        public long sourceCount;
        public long created;
        public long updated;
        public long unchanged;
        public long deleted;
        public long failed;
        public long linkProblems;
        public long truncated;
        public long duplicates;
        public Map<String, Long> requests = new LinkedHashMap<>();
        public final List<RecordProblem> failures = new ArrayList<>();
        public final List<RecordProblem> problems = new ArrayList<>();
        public final List<String> unmappedSourceFields = new ArrayList<>();
        public final List<String> missingAirtableFields = new ArrayList<>();
        public final List<String> warnings = new ArrayList<>();
        public final List<PlannedChange> sampleChanges = new ArrayList<>();
        /** Select choices Airtable created for this table's records (typecast), each once. */
        public final List<OptionCreated> optionsCreated = new ArrayList<>();

        public TableReport(String name) {
            this.name = name;
        }

        public void addFailure(RecordProblem p) {
            failed++;
            if (failures.size() < DETAIL_LIMIT) {
                failures.add(p);
            }
        }

        /** A problem that did not fail the record (link target missing, text cut, duplicate key...). */
        public void addProblem(RecordProblem p) {
            if (problems.size() < DETAIL_LIMIT) {
                problems.add(p);
            }
        }

        public void addSample(PlannedChange c) {
            if (sampleChanges.size() < 20) {
                sampleChanges.add(c);
            }
        }

        public TableSummary summary() {
            return new TableSummary(name, status, sourceCount, created, updated, unchanged, deleted, failed,
                    linkProblems, error);
        }
    }

    /**
     * One record's failure or problem.
     *
     * @param recordKey masked key (MongoDB _id hex is not personal; natural keys are masked)
     * @param field     the Airtable field concerned, or null
     * @param errorType Airtable's error type (INVALID_VALUE_FOR_COLUMN ...) or Airsync's own (CONVERSION, LINK_TARGET_MISSING ...)
     * @param message   masked message
     */
    public record RecordProblem(String recordKey, String field, String errorType, String message) {
    }

    /** A planned change for the dry-run sample: action (create/update/delete) and masked field diffs. */
    public record PlannedChange(String action, String recordKey, List<FieldDiff> diffs) {
    }

    public record FieldDiff(String field, String before, String after) {
    }

    /** A select choice Airtable created (or, in a dry run, would create) for a field. */
    public record OptionCreated(String field, String option) {
    }
}
