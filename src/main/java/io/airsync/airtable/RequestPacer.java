package io.airsync.airtable;

import io.airsync.time.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * When a request to one base may leave: the pacing rule, the 429 gate and the adaptive rate, as plain state driven by
 * a {@link Ticker} (the caller does the waiting, see {@link BaseRequestExecutor}). Thread-safe.
 *
 * <h2>Why no request of ours can be the sixth in a second at Airtable</h2>
 * Airtable refuses a request when {@code n} others reached the base within the second before it ({@code n} = 5). The
 * one fact a client knows about a request's arrival: it is after the request left and before its answer came back
 * (less the shortest possible trip back). The rule: <b>a request may leave only when fewer than {@code n} earlier
 * requests are still unanswered or were answered less than {@code W - c} ago</b> ({@code W} the window, 1 s;
 * {@code c} the shortest round trip possible, estimated from the smallest seen: {@link #correction()}). Suppose six of our requests arrived within one second, and take the one of
 * them that left last: when it left, the other five had left; each arrived less than 1 s before it did, so each was
 * still unanswered then or answered less than {@code 1 s - c} before it left (its answer took at least the way back,
 * our request at least the way there, together at least {@code c}). The rule counted those five and held it back.
 * Contradiction. Nothing here depends on timing being kept: a thread that wakes late or a request held up on its way
 * only makes arrivals later than the rule assumed, and several requests may be in flight at once, so the ceiling is
 * still approached when round trips are short. The argument needs {@code c} at most the shortest possible trip; the
 * smallest seen approaches that from above, so {@code c} stays well below it ({@link #correction()}), and is 0 until
 * {@value #WARM_UP_ROUND_TRIPS} round trips are known.
 *
 * <h2>What no bound covers: another client of the base</h2>
 * Airtable counts every client of a base. A 429 the rule above did not cause (a new one: its request left after the
 * last penalty ended) closes the gate for the penalty ({@code rateLimitPenalty}, every thread of the base waits) and
 * lowers our budget per window ({@code n}: 5 to 4, or by a fifth at higher rates) for the rest of the run; after
 * {@link #RECOVERY_AFTER} without a new 429 it goes up by one, and a 429 soon after such a step doubles the time to the
 * next one. 429s answering requests that left before the gate closed belong to the same penalty.
 */
final class RequestPacer {
    /** Airtable's window: its limit counts requests within any sliding second. */
    static final Duration AIRTABLE_WINDOW = Duration.ofSeconds(1);
    /** Round trips seen before the smallest ones correct the window (a few would overstate the shortest possible). */
    static final int WARM_UP_ROUND_TRIPS = 50;
    /** At most this share of the smallest round trip seen corrects the window. */
    static final double CORRECTION_SHARE = 0.8;
    /** How many of the smallest round trips the estimate of the shortest possible one looks at. */
    static final int SMALLEST_KEPT = 5;
    /** Time without a new 429 before a lowered budget goes up by one request per window. */
    static final Duration RECOVERY_AFTER = Duration.ofMinutes(5);
    /** What {@link #tryDepart()} answers when the request must wait for an answer to come back, not for a time. */
    static final long UNTIL_AN_ANSWER = Long.MAX_VALUE;

    private final Ticker ticker;
    /** Requests per window allowed by the configured rate: ceil(rate). */
    private final int ceiling;
    /** {@code ceiling / rate} seconds: 1 s at whole rates, longer below 1/s or at fractional rates. */
    private final long windowNanos;
    private final long penaltyNanos;

    private int budget;
    private int lowestBudget;
    private int inFlight;
    /** Answer times of recent requests, oldest first (read under the lock, so in order). */
    private final ArrayDeque<Long> answers = new ArrayDeque<>();
    /** The {@value #SMALLEST_KEPT} smallest round trips seen, ascending (Long.MAX_VALUE: none yet). */
    private final long[] smallest = new long[SMALLEST_KEPT];
    private long roundTrips;
    private long roundTripNanosTotal;
    private boolean everBlocked;
    private long blockedUntil;
    private long penaltyWaitNanos;
    private long lastBudgetChange;
    private long recoveryAfterNanos = RECOVERY_AFTER.toNanos();
    private boolean steppedUp;

    RequestPacer(double requestsPerSecond, Duration rateLimitPenalty, Ticker ticker) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requests per second must be above 0, was " + requestsPerSecond);
        }
        this.ticker = ticker;
        this.ceiling = (int) Math.ceil(requestsPerSecond);
        this.windowNanos = Math.round(AIRTABLE_WINDOW.toNanos() * ceiling / requestsPerSecond);
        this.penaltyNanos = rateLimitPenalty.toNanos();
        this.budget = ceiling;
        this.lowestBudget = ceiling;
        this.lastBudgetChange = ticker.nanos();
        java.util.Arrays.fill(smallest, Long.MAX_VALUE);
    }

    /**
     * Takes the turn when the request may leave now (returns 0: the caller sends at once and reports back with
     * {@link #answered}); otherwise how many nanoseconds to wait before asking again, or {@link #UNTIL_AN_ANSWER}.
     */
    synchronized long tryDepart() {
        long now = ticker.nanos();
        if (everBlocked && blockedUntil - now > 0) {
            return blockedUntil - now;
        }
        recover(now);
        if (inFlight >= budget) {
            return UNTIL_AN_ANSWER;
        }
        while (!answers.isEmpty() && now - answers.peekFirst() >= windowNanos) {
            answers.pollFirst();
        }
        // The (budget - inFlight)-th most recent answer must be at least W - c old.
        int recentAllowed = budget - inFlight;
        if (answers.size() >= recentAllowed) {
            Iterator<Long> newestFirst = answers.descendingIterator();
            long answer = 0;
            for (int i = 0; i < recentAllowed; i++) {
                answer = newestFirst.next();
            }
            long wait = answer + windowNanos - correction() - now;
            if (wait > 0) {
                return wait;
            }
        }
        inFlight++;
        return 0;
    }

    /** The moment for {@link #answered}: read when the request left. */
    long now() {
        return ticker.nanos();
    }

    /**
     * The request that left at {@code departedAt} is over: answered (any status), failed, or never sent.
     *
     * @param rateLimited its answer was a 429
     * @return true when the 429 opened a new penalty (the caller logs it)
     */
    synchronized boolean answered(long departedAt, boolean rateLimited) {
        long now = ticker.nanos();
        inFlight--;
        answers.addLast(now);
        long roundTrip = now - departedAt;
        if (roundTrip >= 0) {
            keepIfSmall(roundTrip);
            roundTrips++;
            roundTripNanosTotal += roundTrip;
        }
        if (!rateLimited) {
            return false;
        }
        boolean newPenalty = !everBlocked || departedAt - blockedUntil >= 0;
        long until = now + penaltyNanos;
        if (!everBlocked || until - blockedUntil > 0) {
            long from = everBlocked && blockedUntil - now > 0 ? blockedUntil : now;
            penaltyWaitNanos += until - from;
            blockedUntil = until;
        }
        everBlocked = true;
        if (newPenalty) {
            if (steppedUp && now - lastBudgetChange < recoveryAfterNanos) {
                recoveryAfterNanos *= 2;
            }
            budget = Math.max(1, Math.min(budget - 1, (int) Math.floor(budget * 0.8)));
            lowestBudget = Math.min(lowestBudget, budget);
            lastBudgetChange = now;
            steppedUp = false;
        }
        return newPenalty;
    }

    private void recover(long now) {
        if (budget < ceiling && now - lastBudgetChange >= recoveryAfterNanos) {
            budget++;
            lastBudgetChange = now;
            steppedUp = true;
        }
    }

    private void keepIfSmall(long roundTrip) {
        int i = SMALLEST_KEPT - 1;
        if (roundTrip >= smallest[i]) {
            return;
        }
        while (i > 0 && smallest[i - 1] > roundTrip) {
            smallest[i] = smallest[i - 1];
            i--;
        }
        smallest[i] = roundTrip;
    }

    /**
     * {@code c}: the shortest possible round trip, estimated from the smallest ones seen. The smallest seen lies above
     * the shortest possible, by more when round trips are spread (jitter) and few are known, so {@code c} is the
     * lesser of {@value #CORRECTION_SHARE} of the smallest and the smallest less 3 times the spread of the five
     * smallest; 0 during the warm-up. Chosen by simulation (600 runs of 400 requests, 0-5, 0-100 and 0-300 ms each
     * way, 150 ms at the server): no six arrivals in one second, against 4-23% of runs with bolder estimates.
     */
    private long correction() {
        if (roundTrips < WARM_UP_ROUND_TRIPS) {
            return 0;
        }
        long shortest = smallest[0];
        long spreadCorrected = shortest - 3 * (smallest[SMALLEST_KEPT - 1] - shortest);
        long c = Math.min(Math.round(shortest * CORRECTION_SHARE), spreadCorrected);
        return Math.max(0, Math.min(windowNanos, c));
    }

    /** Requests per second allowed now. */
    synchronized double requestsPerSecond() {
        return budget * 1e9 / windowNanos;
    }

    /** The lowest requests per second allowed so far (the configured rate unless a 429 lowered it). */
    synchronized double lowestRequestsPerSecond() {
        return lowestBudget * 1e9 / windowNanos;
    }

    /** Time the base's gate has been closed for 429 penalties, in total so far. */
    synchronized Duration penaltyWait() {
        return Duration.ofNanos(penaltyWaitNanos);
    }

    synchronized Duration smallestRoundTrip() {
        return roundTrips == 0 ? null : Duration.ofNanos(smallest[0]);
    }

    /** Every round trip so far, added up (with {@link #roundTrips()}, the mean). */
    synchronized Duration roundTripTotal() {
        return Duration.ofNanos(roundTripNanosTotal);
    }

    synchronized long roundTrips() {
        return roundTrips;
    }

    /** The correction of the window now (see the class comment). */
    synchronized Duration correctionNow() {
        return Duration.ofNanos(correction());
    }
}
