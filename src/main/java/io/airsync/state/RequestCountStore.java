package io.airsync.state;

import java.time.YearMonth;

/**
 * Airtable requests counted per base per calendar month (UTC), durable across runs: what the plan's monthly call
 * limit is measured against. DynamoDB in Lambda (one item per base and month, atomic additions), a file locally.
 */
public interface RequestCountStore {

    /** Adds this run's requests to the month's count; the month's total afterwards. */
    long add(String baseId, YearMonth month, long requests);

    /** Requests counted so far in the month (0 when none). */
    long monthToDate(String baseId, YearMonth month);

    /** Where the counts live, for the report. */
    String describe();
}
