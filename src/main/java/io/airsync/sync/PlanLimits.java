package io.airsync.sync;

import io.airsync.config.AirsyncConfig;
import io.airsync.config.AirtablePlan;
import io.airsync.report.AirtableUsage;
import io.airsync.state.RequestCountStore;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Airtable plan's limits for one run, and the month's accounting: the monthly request budget (what is left of it
 * when the run starts, from the request counts in the state store) and the records-per-base cap. The plan sets both
 * ({@link AirtablePlan}); {@code monthly-request-budget} and {@code records-per-base} override either; with neither,
 * nothing is enforced and the figures are only reported.
 */
final class PlanLimits {
    /** A projection from less than this much of the month would be mostly noise: the rate is taken over at least it. */
    static final Duration MIN_PROJECTION_BASIS = Duration.ofDays(1);

    private final String baseId;
    private final YearMonth month;
    private final long monthToDateBefore;
    private final Long budget;
    private final Long recordsPerBase;
    private final String plan;
    /** Records the base may still take (the cap minus the records known so far), or null without a cap. */
    private final AtomicLong createsLeft;
    private final AtomicBoolean hit = new AtomicBoolean();

    private PlanLimits(String baseId, YearMonth month, long monthToDateBefore, Long budget, Long recordsPerBase, String plan) {
        this.baseId = baseId;
        this.month = month;
        this.monthToDateBefore = monthToDateBefore;
        this.budget = budget;
        this.recordsPerBase = recordsPerBase;
        this.plan = plan;
        this.createsLeft = recordsPerBase == null ? null : new AtomicLong(recordsPerBase);
    }

    static PlanLimits of(AirsyncConfig.Airtable config, String baseId, RequestCountStore counts, Instant now) {
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC));
        AirtablePlan plan = config.plan().orElse(null);
        Long budget = config.monthlyRequestBudget().orElse(
                plan == null || plan.monthlyRequests().isEmpty() ? null : plan.monthlyRequests().getAsLong());
        Long cap = config.recordsPerBase().orElse(plan == null ? null : plan.recordsPerBase());
        return new PlanLimits(baseId, month, counts.monthToDate(baseId, month), budget, cap,
                plan == null ? null : plan.configName());
    }

    /** Requests left in the month's budget after {@code thisRunSoFar}; Long.MAX_VALUE without a budget. */
    long requestsLeft(long thisRunSoFar) {
        return budget == null ? Long.MAX_VALUE : Math.max(0, budget - monthToDateBefore - thisRunSoFar);
    }

    /** The reason a table that needs {@code planned} requests must not start, or null when it fits. */
    String refusal(String table, long planned, long thisRunSoFar) {
        long left = requestsLeft(thisRunSoFar);
        if (planned <= left) {
            return null;
        }
        hit.set(true);
        return "not started: " + table + " needs about " + planned + " Airtable requests, and " + left + " of the monthly"
                + " budget of " + budget + " are left (" + (monthToDateBefore + thisRunSoFar) + " used in " + month
                + (plan == null ? "" : ", plan " + plan) + "); raise airsync.airtable.monthly-request-budget or wait"
                + " for the next month";
    }

    /** Counts the records a table already has in the base (they take room under the cap). */
    void known(long records) {
        if (createsLeft != null) {
            createsLeft.addAndGet(-records);
        }
    }

    /** Takes room for one create; false (and the limit is marked hit) when the base is at its cap. */
    boolean tryCreate() {
        if (createsLeft == null) {
            return true;
        }
        if (createsLeft.getAndDecrement() > 0) {
            return true;
        }
        createsLeft.incrementAndGet();
        hit.set(true);
        return false;
    }

    String capRefusal() {
        return "not created: the base would pass its cap of " + recordsPerBase + " records"
                + (plan == null ? "" : " (plan " + plan + ")") + "; raise airsync.airtable.records-per-base or upgrade the plan";
    }

    /** The month's run ended at Airtable's own limit (429 PUBLIC_API_BILLING_LIMIT_EXCEEDED). */
    void markHit() {
        hit.set(true);
    }

    /** Adds this run's requests to the month's count and returns the figures for the report and summary. */
    AirtableUsage finish(long thisRun, RequestCountStore counts, Instant now) {
        long monthToDate = thisRun > 0 ? counts.add(baseId, month, thisRun) : monthToDateBefore;
        return new AirtableUsage(month.toString(), thisRun, monthToDate, projection(monthToDate, month, now),
                budget, recordsPerBase, plan, hit.get());
    }

    /** Linear: the month's requests so far at the rate seen since the month began (over at least a day). */
    static long projection(long monthToDate, YearMonth month, Instant now) {
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long elapsed = Math.max(Duration.between(start, now).getSeconds(), MIN_PROJECTION_BASIS.getSeconds());
        long whole = Duration.between(start, end).getSeconds();
        return elapsed >= whole ? monthToDate : Math.round((double) monthToDate * whole / elapsed);
    }
}
