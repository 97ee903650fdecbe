package io.airsync.airtable;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The one place where requests to one base are paced and retried; shared by every thread talking to the base.
 * Each attempt:
 * <ol>
 *   <li>takes one of {@code maxInFlight} slots,</li>
 *   <li>waits while the base is blocked after a 429 (one shared "blocked until" instant),</li>
 *   <li>waits until {@code PACING_MARGIN / requestsPerSecond} have passed since the previous request to the base
 *       left, notes the moment it leaves (the first request of each kind is noted {@code COLD_ALLOWANCE} later),</li>
 *   <li>is sent right away and counted in {@link AirtableRequestStats#recordRequest}.</li>
 * </ol>
 * The spacing is measured between the moments requests actually leave, not planned in advance: Airtable counts
 * requests in any sliding second, so {@code rate + 1} requests must never leave within one second, whatever
 * happened in between (a writer idle while the source is read, a thread woken late on a busy machine). A rate
 * limiter that hands out permits per fixed interval (Failsafe's smooth limiter, used before) lets two requests go
 * almost together after an idle moment (its next permit is the next interval boundary): six requests then reached
 * Airtable within 0.9-1.0 s, a 429 and its 30 s penalty about once per 350 requests (benchmarks/README.md).
 * Failures: a 429 blocks the whole base for {@code rateLimitPenalty}, is counted
 * ({@link AirtableRequestStats#recordRateLimited}) and the request is sent again, at most {@code rateLimitRetries}
 * times. 5xx answers and transport failures (reset, refused, timeout) are retried with exponential backoff and
 * jitter, at most {@code maxRetries} times, each counted by {@link AirtableRequestStats#recordRetry}. Other 4xx
 * answers are thrown at once. Stats count requests SENT (every attempt); retries and 429s are counted besides.
 */
final class BaseRequestExecutor {
    private static final Logger LOG = Logger.getLogger(BaseRequestExecutor.class);

    /**
     * Requests leave 5% more than 1/rate apart, so that rate+1 requests span 1.05 s: one that takes up to 50 ms longer
     * than the others to get from here to Airtable still does not put rate+1 of them into one second at the server.
     * It caps a run at 0.95 of Airtable's rate.
     */
    static final double PACING_MARGIN = 1.05;
    /**
     * The first request of a kind takes longer to get from here to Airtable (its JSON serializers are built, a
     * connection may be opened): 50-280 ms on a loaded machine against under 10 ms afterwards. The request after it
     * waits this much longer, so that the slow one does not arrive within a second of rate later ones.
     */
    static final Duration COLD_ALLOWANCE = Duration.ofMillis(250);
    static final Duration BACKOFF_FIRST = Duration.ofMillis(250);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(8);
    static final double BACKOFF_JITTER = 0.5;

    /** One attempt's HTTP call. */
    @FunctionalInterface
    interface Call<T> {
        /**
         * @param earlierAttemptMayHaveApplied true when an earlier attempt of this same request failed in a way that
         *        does not tell whether Airtable applied it (5xx, reset, timeout) — a retried delete uses this.
         */
        T send(boolean earlierAttemptMayHaveApplied);
    }

    private final String baseId;
    private final AirtableSettings settings;
    private final AirtableRequestStats stats = new AirtableRequestStats();
    private final long spacingNanos;
    /** When the last request to this base left (System.nanoTime()); guarded by {@code pacing}. */
    private long lastSend;
    private boolean sentAny;
    /** Kinds of request sent at least once; guarded by {@code pacing}. */
    private final Set<RequestKind> warmKinds = EnumSet.noneOf(RequestKind.class);
    private final Object pacing = new Object();
    private final Semaphore inFlight;
    /** System.nanoTime() before which no request may be sent to this base (after a 429). */
    private final AtomicLong blockedUntil = new AtomicLong(System.nanoTime());

    BaseRequestExecutor(String baseId, AirtableSettings settings) {
        this.baseId = baseId;
        this.settings = settings;
        this.spacingNanos = Math.round(TimeUnit.SECONDS.toNanos(1) * PACING_MARGIN / settings.requestsPerSecond());
        this.inFlight = new Semaphore(settings.maxInFlight(), true);
    }

    AirtableRequestStats stats() {
        return stats;
    }

    /**
     * Sends one request with pacing and retries.
     *
     * @param request what is being done, for logs (never holds the token)
     */
    <T> T execute(RequestKind kind, String request, Call<T> call) {
        AtomicBoolean mayHaveApplied = new AtomicBoolean(false);
        RetryPolicy<T> rateLimitRetry = RetryPolicy.<T>builder()
                .handle(AirtableRateLimitException.class)
                .withMaxRetries(settings.rateLimitRetries())
                .build();
        RetryPolicy<T> transientRetry = RetryPolicy.<T>builder()
                .handleIf(BaseRequestExecutor::isTransient)
                .withBackoff(BACKOFF_FIRST, BACKOFF_MAX)
                .withJitter(BACKOFF_JITTER)
                .withMaxRetries(settings.maxRetries())
                .onRetryScheduled(e -> LOG.infof("Airtable %s failed (%s); retry %d of %d in %d ms", request,
                        e.getLastException().getMessage(), e.getAttemptCount(), settings.maxRetries(),
                        e.getDelay().toMillis()))
                .onRetry(e -> stats.recordRetry())
                .build();
        try {
            return Failsafe.with(rateLimitRetry, transientRetry).get(() -> attempt(kind, request, call, mayHaveApplied));
        } catch (dev.failsafe.FailsafeException e) {
            // Only checked exceptions are wrapped; ours are unchecked, so this is an interrupt during a backoff sleep.
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw cancelled(request);
            }
            throw e;
        }
    }

    private <T> T attempt(RequestKind kind, String request, Call<T> call, AtomicBoolean mayHaveApplied) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(request);
        }
        try {
            awaitTurn(kind, request);
            stats.recordRequest(kind);
            LOG.debugf("Airtable %s: sending", request);
            return call.send(mayHaveApplied.get());
        } catch (AirtableRateLimitException e) {
            stats.recordRateLimited();
            block(request);
            throw e;
        } catch (AirtableException e) {
            if (isTransient(e)) {
                mayHaveApplied.set(true);
            }
            throw e;
        } catch (ProcessingException | WebApplicationException e) {
            AirtableException typed = typed(e);
            if (typed instanceof AirtableRateLimitException rateLimited) {
                stats.recordRateLimited();
                block(request);
                throw rateLimited;
            }
            if (isTransient(typed)) {
                mayHaveApplied.set(true);
            }
            throw typed;
        } finally {
            inFlight.release();
        }
    }

    /** Waits for the 429 gate and the request's slot; if a 429 closed the gate meanwhile, waits again. */
    private void awaitTurn(RequestKind kind, String request) {
        try {
            while (true) {
                awaitGate();
                awaitSlot(kind);
                if (blockedUntil.get() - System.nanoTime() <= 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(request);
        }
    }

    /**
     * Returns once the spacing has passed since the previous request left, noting now as this one's leaving time.
     * Waiting threads are not queued: each sleeps until the slot it saw and checks again, so a slot always goes to a
     * thread that is awake and about to send.
     */
    private void awaitSlot(RequestKind kind) throws InterruptedException {
        while (true) {
            long wait;
            synchronized (pacing) {
                long now = System.nanoTime();
                wait = sentAny ? lastSend + spacingNanos - now : 0;
                if (wait <= 0) {
                    lastSend = warmKinds.add(kind) ? now + COLD_ALLOWANCE.toNanos() : now;
                    sentAny = true;
                    return;
                }
            }
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private void awaitGate() throws InterruptedException {
        long remaining;
        while ((remaining = blockedUntil.get() - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }

    /** Closes the base's gate for the penalty; later 429s extend it, never shorten it. */
    private void block(String request) {
        long until = System.nanoTime() + settings.rateLimitPenalty().toNanos();
        long before = blockedUntil.getAndAccumulate(until, (current, proposed) -> current - proposed >= 0 ? current : proposed);
        if (before - System.nanoTime() <= 0) {
            LOG.warnf("Airtable rate limit (429) on %s for base %s: every request to this base waits %d ms",
                    request, baseId, settings.rateLimitPenalty().toMillis());
        }
    }

    static boolean isTransient(Throwable e) {
        return e instanceof AirtableServerException || e instanceof AirtableTransportException;
    }

    /**
     * Errors the REST client raises itself: a mapped AirtableException wrapped by the client, an HTTP status that
     * bypassed the mapper, or no HTTP answer at all (refused, reset, timeout: status 0).
     */
    static AirtableException typed(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AirtableException airtable) {
                return airtable;
            }
        }
        if (e instanceof WebApplicationException web && web.getResponse() != null) {
            return AirtableErrors.exception(web.getResponse().getStatus(), "HTTP_" + web.getResponse().getStatus(),
                    web.getMessage(), null, e);
        }
        Throwable root = e;
        boolean timeout = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            timeout |= t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout");
        }
        String what = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return new AirtableTransportException(0, timeout ? "TIMEOUT" : (root instanceof IOException ? "IO_ERROR" : "CONNECTION_FAILED"),
                what, null, e);
    }

    private static CancellationException cancelled(String request) {
        return new CancellationException("Interrupted while waiting to send Airtable " + request);
    }
}
