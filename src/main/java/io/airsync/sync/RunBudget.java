package io.airsync.sync;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long this invocation may keep working: the Lambda's remaining time less a safety margin (and, optionally, a
 * configured cap). The engine asks between documents and stops cleanly, with a checkpoint, once it is spent.
 */
public final class RunBudget {

    private final long deadlineNanos;
    private final LongSupplier clock;

    private RunBudget(long deadlineNanos, LongSupplier clock) {
        this.deadlineNanos = deadlineNanos;
        this.clock = clock;
    }

    /** {@code remaining} of the invocation's time (null: no limit), minus {@code margin}, capped by {@code cap}. */
    public static RunBudget of(Duration remaining, Duration margin, Duration cap) {
        long now = System.nanoTime();
        long limit = Long.MAX_VALUE / 4;
        if (remaining != null) {
            limit = Math.min(limit, remaining.minus(margin).toNanos());
        }
        if (cap != null) {
            limit = Math.min(limit, cap.toNanos());
        }
        return new RunBudget(now + limit, System::nanoTime);
    }

    public static RunBudget unlimited() {
        return of(null, Duration.ZERO, null);
    }

    public boolean spent() {
        return clock.getAsLong() - deadlineNanos >= 0;
    }

    public Duration left() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - clock.getAsLong()));
    }
}
