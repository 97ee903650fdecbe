package io.airsync.airtable;

/**
 * A request refused by the client itself because the run's deadline ({@code io.airsync.time.Deadline}) has passed,
 * or because the wait before it (pacing, a 429 penalty, a retry back-off) would end past it. This attempt was never
 * sent: nothing of it landed, so the caller may defer the work to the next invocation.
 * {@link #earlierAttemptMayHaveApplied()} says whether an earlier attempt of the same request failed without telling
 * whether Airtable applied it (5xx, reset, timeout): then the work may have landed, which an idempotent write
 * (upsert, PATCH, delete) does not mind.
 */
public class AirtableDeadlineException extends AirtableException {

    public static final String TYPE = "DEADLINE";

    private final boolean earlierAttemptMayHaveApplied;

    public AirtableDeadlineException(String message, String request, boolean earlierAttemptMayHaveApplied) {
        super(0, TYPE, message, request, null);
        this.earlierAttemptMayHaveApplied = earlierAttemptMayHaveApplied;
    }

    public boolean earlierAttemptMayHaveApplied() {
        return earlierAttemptMayHaveApplied;
    }

    @Override
    public boolean endsRun() {
        return false;
    }
}
