package io.airsync.profile;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One field's profile in one run, for the report: no value itself, only counts and ranges.
 *
 * @param values  documents seen
 * @param empty   of those, how many had no value (null or missing)
 * @param failed  values that could not be converted
 * @param range   numbers: smallest to largest source value; dates: first to last year; null for other types
 */
@RegisterForReflection
public record FieldStats(String field, String type, long values, long empty, long failed, String range) {

    /** The share of documents without a value, 0 to 1. */
    public double emptyShare() {
        return values == 0 ? 0 : (double) empty / values;
    }
}
