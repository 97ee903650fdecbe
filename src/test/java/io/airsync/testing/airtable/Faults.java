package io.airsync.testing.airtable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Injected faults for record requests ({@code /v0/{baseId}/...}; schema requests under {@code /v0/meta/} are never
 * affected). Each request that passed the rate limiter consumes at most one queued fault, before authentication: the
 * oldest one whose path filter matches. Failed and dropped requests apply nothing; delayed requests are performed
 * after the delay even when the client has given up meanwhile (as a slow server would). Every such request is in
 * the request log (status 0 when dropped). Methods return {@code this} for chaining and are thread-safe.
 */
public final class Faults {

    enum Kind { FAIL, DELAY, DROP, APPLY_THEN_DROP, RUN }

    /** What one request must suffer. */
    record Action(Kind kind, int status, Duration delay, Runnable run) {
    }

    private static final class Pending {
        final Kind kind;
        final int status;
        final Duration delay;
        final String pathContains;
        Runnable run;
        int remaining;

        Pending(Kind kind, int remaining, int status, Duration delay, String pathContains) {
            this.kind = kind;
            this.remaining = remaining;
            this.status = status;
            this.delay = delay;
            this.pathContains = pathContains;
        }
    }

    private final List<Pending> queue = new ArrayList<>();
    private volatile long stormUntilNanos = Long.MIN_VALUE;
    private volatile boolean stormActive;

    /** The next {@code n} record requests get {@code status} with a realistic error body (503 → SERVICE_UNAVAILABLE…). */
    public Faults failNext(int n, int status) {
        return failNext(n, status, null);
    }

    /** As {@link #failNext(int, int)}, for requests whose decoded path contains {@code pathContains} only. */
    public Faults failNext(int n, int status, String pathContains) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("failure status must be 4xx or 5xx, was " + status);
        }
        return add(new Pending(Kind.FAIL, requirePositive(n), status, null, pathContains));
    }

    /** The next {@code n} record requests wait {@code delay} before being handled (e.g. past the client's timeout). */
    public Faults delayNext(int n, Duration delay) {
        Objects.requireNonNull(delay, "delay");
        return delayNext(n, delay, null);
    }

    /** As {@link #delayNext(int, Duration)}, for requests whose decoded path contains {@code pathContains} only. */
    public Faults delayNext(int n, Duration delay, String pathContains) {
        Objects.requireNonNull(delay, "delay");
        return add(new Pending(Kind.DELAY, requirePositive(n), 0, delay, pathContains));
    }

    /**
     * Before the next {@code n} record requests whose path contains {@code pathContains} are handled, runs
     * {@code action} on the emulator's thread (e.g. a test moving its injected clock as if each request took long).
     */
    public Faults beforeNext(int n, String pathContains, Runnable action) {
        Objects.requireNonNull(action, "action");
        Pending p = new Pending(Kind.RUN, requirePositive(n), 0, null, pathContains);
        p.run = action;
        return add(p);
    }

    /** The next {@code n} record requests get their connection closed without any response (nothing is applied). */
    public Faults dropNext(int n) {
        return add(new Pending(Kind.DROP, requirePositive(n), 0, null, null));
    }

    /** The next {@code n} record requests are performed (writes applied), then the connection is closed unanswered. */
    public Faults applyThenDropNext(int n) {
        return add(new Pending(Kind.APPLY_THEN_DROP, requirePositive(n), 0, null, null));
    }

    /** Every record request gets 429 RATE_LIMIT_REACHED for {@code duration} from now (a 429 storm). */
    public Faults rateLimitFor(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        stormUntilNanos = System.nanoTime() + duration.toNanos();
        stormActive = true;
        return this;
    }

    /** Forgets all queued faults and ends a 429 storm. */
    public Faults clear() {
        synchronized (queue) {
            queue.clear();
        }
        stormActive = false;
        return this;
    }

    /** Number of queued fault uses not yet consumed. */
    public int pending() {
        synchronized (queue) {
            return queue.stream().mapToInt(p -> p.remaining).sum();
        }
    }

    boolean inRateLimitStorm(long nowNanos) {
        return stormActive && nowNanos - stormUntilNanos < 0;
    }

    /** Consumes and returns the fault for a record request with this decoded path, or null. */
    Action next(String path) {
        synchronized (queue) {
            for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (p.pathContains != null && !path.contains(p.pathContains)) {
                    continue;
                }
                if (--p.remaining <= 0) {
                    it.remove();
                }
                return new Action(p.kind, p.status, p.delay, p.run);
            }
        }
        return null;
    }

    private Faults add(Pending pending) {
        synchronized (queue) {
            queue.add(pending);
        }
        return this;
    }

    private static int requirePositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        return n;
    }
}
