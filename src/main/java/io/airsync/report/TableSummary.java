package io.airsync.report;

import io.airsync.profile.TextChanges;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * Counts for one table in one run.
 *
 * @param textChanges per text field, how many values conversion changed (control characters removed, cut, arrays
 *                    joined); fields with no change are left out
 * @param failuresByType failed records by error type (CONVERSION, INVALID_VALUE_FOR_COLUMN...): the true totals
 * @param problemsByType records synced with a remark, by type (LINK_TARGET_MISSING, TEXT_TRUNCATED...); every
 *                       failure and problem is a line of the run's problems file
 * @param optionsCreatedByField select choices Airtable created for this run's writes (typecast), counted per field;
 *                              the choices themselves (masked) are in the markdown report, not here: a summary is
 *                              also a log line
 */
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
        String error,
        List<TextChanges> textChanges,
        Map<String, Long> failuresByType,
        Map<String, Long> problemsByType,
        Map<String, Long> optionsCreatedByField) {

    public TableSummary {
        textChanges = textChanges == null ? List.of() : List.copyOf(textChanges);
        failuresByType = copy(failuresByType);
        problemsByType = copy(problemsByType);
        optionsCreatedByField = copy(optionsCreatedByField);
    }

    public TableSummary(String table, String status, long sourceCount, long created, long updated, long unchanged,
            long deleted, long failed, long linkProblems, String error) {
        this(table, status, sourceCount, created, updated, unchanged, deleted, failed, linkProblems, error, List.of(),
                Map.of(), Map.of(), Map.of());
    }

    private static Map<String, Long> copy(Map<String, Long> counts) {
        return counts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
    }
}
