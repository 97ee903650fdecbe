package io.airsync.airtable;

/**
 * A 429 that is not the per-second rate limit ({@code RATE_LIMIT_REACHED}): above all
 * {@code PUBLIC_API_BILLING_LIMIT_EXCEEDED}, the workspace's plan has spent its API calls for the month. Waiting
 * 30 s cannot help, so it is never retried or waited on, and the run ends at once.
 */
public class AirtableBillingLimitException extends AirtableException {
    static final String EXPLANATION = "the Airtable workspace's API calls for this month are spent (plan limit);"
            + " no request succeeds until the month ends or the plan is upgraded";

    public AirtableBillingLimitException(int status, String type, String message, String request, Throwable cause) {
        super(status, type, message, request, cause);
    }

    @Override
    public boolean endsRun() {
        return true;
    }

    @Override
    public String getMessage() {
        return EXPLANATION + " (" + super.getMessage() + ")";
    }
}
