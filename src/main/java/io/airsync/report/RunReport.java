package io.airsync.report;

import io.airsync.profile.FieldStats;
import io.airsync.profile.TextChanges;
import io.airsync.profile.ValueWarning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run has to say, filled in as it goes and rendered to markdown at the end. Record keys, values and
 * messages put here must already be masked (see {@link PiiMasker}); the renderer prints them as they are.
 */
public final class RunReport {

    /**
     * How many failures and problems of each error type a table keeps for the markdown (counts are always complete,
     * and every problem goes to the {@link ProblemLog}).
     */
    public static final int DETAIL_PER_KIND = 5;

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
    /** Requests against the Airtable plan (null until counted). */
    public AirtableUsage airtableUsage;
    /** Every failure and problem of the run, for the problems file beside the summary. */
    public final ProblemLog problemLog = new ProblemLog();

    public RunReport(String runId, Instant startedAt, String mode) {
        this.runId = runId;
        this.startedAt = startedAt;
        this.mode = mode;
    }

    public TableReport table(String name) {
        return tables.computeIfAbsent(name, n -> new TableReport(n, problemLog));
    }

    /** Every table's warnings about values that contradict the mapping, in table order. */
    public List<ValueWarning> valueWarnings() {
        return tables.values().stream().flatMap(t -> t.valueWarnings.stream()).toList();
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
        /** Values that contradict the mapping (from the run's value profile). */
        public final List<ValueWarning> valueWarnings = new ArrayList<>();
        /** Per mapped field, this run's counts and ranges (the value profile). */
        public final List<FieldStats> fieldStats = new ArrayList<>();
        /** Per text field, what conversion changed. */
        public final List<TextChanges> textChanges = new ArrayList<>();
        public final List<PlannedChange> sampleChanges = new ArrayList<>();
        /** Failures by error type: the true totals. */
        public final Map<String, Long> failuresByType = new LinkedHashMap<>();
        /** Problems (records synced with a remark) by error type: the true totals. */
        public final Map<String, Long> problemsByType = new LinkedHashMap<>();
        private final Map<String, Integer> detailed = new HashMap<>();
        private final ProblemLog log;
        /** Select choices Airtable created for this table's records (typecast), each once. */
        public final List<OptionCreated> optionsCreated = new ArrayList<>();

        public TableReport(String name) {
            this(name, null);
        }

        /** @param log where every failure and problem also goes (null: none) */
        public TableReport(String name, ProblemLog log) {
            this.name = name;
            this.log = log;
        }

        /** A record that failed: counted, kept in detail if among the first of its kind, logged. */
        public void addFailure(RecordProblem p) {
            failed++;
            record(p, failures, true);
        }

        /** A problem that did not fail the record (link target missing, text cut, duplicate key...). */
        public void addProblem(RecordProblem p) {
            record(p, problems, false);
        }

        private synchronized void record(RecordProblem p, List<RecordProblem> details, boolean failure) {
            String type = String.valueOf(p.errorType());
            (failure ? failuresByType : problemsByType).merge(type, 1L, Long::sum);
            if (detailed.merge((failure ? "F" : "P") + type, 1, Integer::sum) <= DETAIL_PER_KIND) {
                details.add(p);
            }
            if (log != null) {
                log.add(name, failure, p);
            }
        }

        /** How many failures (or problems) of this error type there were. */
        public synchronized long count(String errorType, boolean failures) {
            return (failures ? failuresByType : problemsByType).getOrDefault(errorType, 0L);
        }

        public void addSample(PlannedChange c) {
            if (sampleChanges.size() < 20) {
                sampleChanges.add(c);
            }
        }

        public TableSummary summary() {
            return new TableSummary(name, status, sourceCount, created, updated, unchanged, deleted, failed,
                    linkProblems, error, textChanges, failuresByType, problemsByType, optionsCreatedByField());
        }

        private Map<String, Long> optionsCreatedByField() {
            Map<String, Long> byField = new LinkedHashMap<>();
            optionsCreated.forEach(o -> byField.merge(o.field(), 1L, Long::sum));
            return byField;
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
