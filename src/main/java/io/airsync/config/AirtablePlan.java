package io.airsync.config;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * Airtable's plans and what they cap (Airtable's pricing and support pages): API calls per workspace per calendar
 * month, and records per base. The defaults of {@code airsync.airtable.monthly-request-budget} and
 * {@code airsync.airtable.records-per-base}; both can be set on their own.
 */
public enum AirtablePlan {
    FREE(1_000, 1_000),
    TEAM(100_000, 50_000),
    BUSINESS(-1, 125_000),
    ENTERPRISE(-1, 500_000);

    private final long monthlyRequests;
    private final long recordsPerBase;

    AirtablePlan(long monthlyRequests, long recordsPerBase) {
        this.monthlyRequests = monthlyRequests;
        this.recordsPerBase = recordsPerBase;
    }

    /** API calls a month; empty when the plan has no monthly limit. */
    public OptionalLong monthlyRequests() {
        return monthlyRequests < 0 ? OptionalLong.empty() : OptionalLong.of(monthlyRequests);
    }

    public long recordsPerBase() {
        return recordsPerBase;
    }

    /** The name as configured: {@code free}, {@code team}, ... */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
