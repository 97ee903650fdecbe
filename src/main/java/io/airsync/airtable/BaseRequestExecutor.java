package io.airsync.airtable;

import io.airsync.time.Deadline;
import io.airsync.time.Ticker;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The one place where requests to one base are paced, retried and waited for; shared by every thread talking to the
 * base. Each attempt takes one of {@code maxInFlight} slots, then waits for its turn from the base's
 * {@link RequestPacer} (the pacing rule and why it cannot put a sixth request of ours into Airtable's second, the 429
 * gate, the adaptive rate), is sent at once, counted ({@link AirtableRequestStats#recordRequest}) and reported back
 * to the pacer with the moment its answer came.
 * Failures: a 429 closes the base's gate for {@code rateLimitPenalty} (every thread waits), is counted
 * ({@link AirtableRequestStats#recordRateLimited}) and the request is sent again, at most {@code rateLimitRetries}
 * times. 5xx answers and transport failures (reset, refused, timeout) are retried with exponential backoff and
 * jitter, at most {@code maxRetries} times, each counted by {@link AirtableRequestStats#recordRetry}. Other 4xx
 * answers are thrown at once. Stats count requests SENT (every attempt); retries and 429s are counted besides.
 * Every wait (the gate, the pacing, a backoff) goes through {@link #waitNanos}.
 * The run's {@link Deadline}: past it no attempt is sent, and no wait begins that would end past it (the pacing
 * wait, the 429 penalty, a back-off): the request ends in an {@link AirtableDeadlineException} instead (never sent,
 * safe to defer). A request already sent is waited for: its answer comes within the read timeout.
 */
final class BaseRequestExecutor {
    private static final Logger LOG = Logger.getLogger(BaseRequestExecutor.class);

    static final Duration BACKOFF_FIRST = Duration.ofMillis(250);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(8);
    static final double BACKOFF_JITTER = 0.5;
    static final Duration ANSWER_POLL = Duration.ofMillis(20);

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
    private final AirtableRequestStats stats;
    private final RequestPacer pacer;
    private final Semaphore inFlight;
    /** Wakes threads waiting for an answer to come back ({@link RequestPacer#UNTIL_AN_ANSWER}). */
    private final Object answers = new Object();

    BaseRequestExecutor(String baseId, AirtableSettings settings, Ticker ticker) {
        this.baseId = baseId;
        this.settings = settings;
        this.pacer = new RequestPacer(settings.requestsPerSecond(), settings.rateLimitPenalty(), ticker);
        this.stats = new AirtableRequestStats(pacer);
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
        return execute(kind, request, Deadline.NONE, call);
    }

    /** Like {@link #execute(RequestKind, String, Call)}, refusing to send or wait past {@code deadline}. */
    <T> T execute(RequestKind kind, String request, Deadline deadline, Call<T> call) {
        boolean mayHaveApplied = false;
        int rateLimited = 0;
        int failures = 0;
        while (true) {
            try {
                return attempt(kind, request, call, mayHaveApplied, deadline);
            } catch (AirtableRateLimitException e) {
                if (++rateLimited > settings.rateLimitRetries()) {
                    throw e;
                }
            } catch (AirtableException e) {
                if (!isTransient(e) || ++failures > settings.maxRetries()) {
                    throw e;
                }
                mayHaveApplied = true;
                long delay = backoffNanos(failures);
                LOG.infof("Airtable %s failed (%s); retry %d of %d in %d ms", request, e.getMessage(), failures,
                        settings.maxRetries(), TimeUnit.NANOSECONDS.toMillis(delay));
                if (deadline.endsPast(delay)) {
                    throw pastDeadline(request, "the retry back-off of " + TimeUnit.NANOSECONDS.toMillis(delay)
                            + " ms", true);
                }
                stats.recordRetry();
                waitNanos(delay, request);
            }
        }
    }

    private <T> T attempt(RequestKind kind, String request, Call<T> call, boolean mayHaveApplied, Deadline deadline) {
        if (deadline.passed()) {
            throw pastDeadline(request, "sending it", mayHaveApplied);
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(request);
        }
        try {
            awaitTurn(request, deadline, mayHaveApplied);
            long departedAt = pacer.now();
            boolean rateLimited = false;
            try {
                stats.recordRequest(kind);
                LOG.debugf("Airtable %s: sending", request);
                return call.send(mayHaveApplied);
            } catch (AirtableRateLimitException e) {
                rateLimited = true;
                throw e;
            } catch (ProcessingException | WebApplicationException e) {
                AirtableException typed = typed(e);
                rateLimited = typed instanceof AirtableRateLimitException;
                throw typed;
            } finally {
                if (rateLimited) {
                    stats.recordRateLimited();
                }
                if (pacer.answered(departedAt, rateLimited)) {
                    LOG.warnf("Airtable rate limit (429) on %s for base %s: every request to this base waits %d ms; "
                                    + "from now on at most %.2f requests/s", request, baseId,
                            settings.rateLimitPenalty().toMillis(), pacer.requestsPerSecond());
                }
                synchronized (answers) {
                    answers.notifyAll();
                }
            }
        } finally {
            inFlight.release();
        }
    }

    /** Waits until the pacer gives this request its turn (the 429 gate, then the pacing rule). */
    private void awaitTurn(String request, Deadline deadline, boolean mayHaveApplied) {
        long wait;
        while ((wait = pacer.tryDepart()) != 0) {
            if (wait == RequestPacer.UNTIL_AN_ANSWER ? deadline.passed() : deadline.endsPast(wait)) {
                throw pastDeadline(request, wait == RequestPacer.UNTIL_AN_ANSWER ? "waiting for a slot"
                        : "a wait of " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms (pacing or a 429 penalty)",
                        mayHaveApplied);
            }
            waitNanos(wait, request);
        }
    }

    private AirtableDeadlineException pastDeadline(String request, String what, boolean mayHaveApplied) {
        LOG.debugf("Airtable %s: not sent, %s would end past the run's deadline", request, what);
        return new AirtableDeadlineException("not sent: " + what + " would end past the run's deadline", request,
                mayHaveApplied);
    }

    /**
     * Every wait of a request to this base: {@code nanos}, or until an answer comes back for
     * {@link RequestPacer#UNTIL_AN_ANSWER} (at most {@link #ANSWER_POLL}: an answer may have come between the pacer's
     * verdict and this wait). Callers check their condition again afterwards.
     */
    private void waitNanos(long nanos, String request) {
        try {
            synchronized (answers) {
                TimeUnit.NANOSECONDS.timedWait(answers,
                        nanos == RequestPacer.UNTIL_AN_ANSWER ? ANSWER_POLL.toNanos() : nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(request);
        }
    }

    /** Exponential from {@link #BACKOFF_FIRST} up to {@link #BACKOFF_MAX}, each delay up to half shorter at random. */
    static long backoffNanos(int failures) {
        long base = Math.min(BACKOFF_MAX.toNanos(), BACKOFF_FIRST.toNanos() << Math.min(failures - 1, 20));
        return base - (long) (base * BACKOFF_JITTER * ThreadLocalRandom.current().nextDouble());
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
