package io.airsync.sync;

import io.airsync.time.Deadline;
import io.airsync.time.Ticker;
import java.time.Duration;

/**
 * How long this invocation may keep working: the Lambda's remaining time less a safety margin (and, optionally, a
 * configured cap), measured on an injected {@link Ticker} so tests drive it. The engine asks between documents and
 * stops cleanly, with a checkpoint, once it is spent; the Airtable layer gets the same moment as a {@link Deadline}
 * ({@link #deadline()}) and sends nothing, and begins no wait, that would end past it.
 */
public final class RunBudget {

    private final Deadline deadline;

    private RunBudget(Deadline deadline) {
        this.deadline = deadline;
    }

    /** {@code remaining} of the invocation's time (null: no limit), minus {@code margin}, capped by {@code cap}. */
    public static RunBudget of(Duration remaining, Duration margin, Duration cap, Ticker ticker) {
        long limit = Long.MAX_VALUE / 4;
        if (remaining != null) {
            limit = Math.min(limit, remaining.minus(margin).toNanos());
        }
        if (cap != null) {
            limit = Math.min(limit, cap.toNanos());
        }
        return new RunBudget(Deadline.at(ticker, ticker.nanos() + limit));
    }

    public static RunBudget unlimited(Ticker ticker) {
        return of(null, Duration.ZERO, null, ticker);
    }

    public boolean spent() {
        return deadline.passed();
    }

    /** The same moment as a {@link Deadline}, for the Airtable requests of the run. */
    public Deadline deadline() {
        return deadline;
    }

    public Duration left() {
        return deadline.left();
    }
}
