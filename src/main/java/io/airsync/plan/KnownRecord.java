package io.airsync.plan;

/**
 * What Airsync knows of one Airtable record without holding its values: its ID, a 64-bit hash of all mapped values
 * and a 32-bit hash per mapped field (aligned with the table's field order). It comes either from state (what was
 * last written) or from reading the record back from Airtable.
 */
public record KnownRecord(String recordId, long recordHash, int[] fieldHashes) {
}
