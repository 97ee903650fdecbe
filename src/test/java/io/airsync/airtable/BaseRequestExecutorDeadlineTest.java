package io.airsync.airtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.testing.time.ManualTicker;
import io.airsync.time.Deadline;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The executor and the run's deadline, on a {@link ManualTicker} (time moves only when the test says): past the
 * deadline nothing is sent, and no wait begins that would end past it (the pacing wait, the 429 penalty, a retry
 * back-off); the request ends in an {@link AirtableDeadlineException} at once, with nothing sent, instead of sleeping.
 * No assertion on wall time: a refused wait is one that never began (the test would hang on the manual ticker).
 */
class BaseRequestExecutorDeadlineTest {

    final ManualTicker ticker = new ManualTicker();

    BaseRequestExecutor executor(double rate, Duration penalty) {
        return new BaseRequestExecutor("appDeadline00001", AirtableSettings.defaults("http://localhost:1")
                .withRequestsPerSecond(rate).withRateLimitPenalty(penalty).withMaxInFlight(5), ticker);
    }

    Deadline in(Duration d) {
        return Deadline.at(ticker, ticker.nanos() + d.toNanos());
    }

    static AirtableRateLimitException rateLimited() {
        return (AirtableRateLimitException) AirtableErrors.exception(429, AirtableErrors.RATE_LIMIT_REACHED, "slow down",
                null, null);
    }

    @Test
    void pastTheDeadlineNothingIsSent() {
        BaseRequestExecutor executor = executor(5, Duration.ofSeconds(30));
        Deadline deadline = in(Duration.ofSeconds(1));
        ticker.advance(Duration.ofSeconds(1));
        AtomicInteger sent = new AtomicInteger();

        AirtableDeadlineException e = assertThrows(AirtableDeadlineException.class, () -> executor.execute(
                RequestKind.UPSERT, "upsert", deadline, mayHaveApplied -> sent.incrementAndGet()));

        assertEquals(0, sent.get());
        assertFalse(e.earlierAttemptMayHaveApplied());
        assertFalse(e.endsRun());
        assertEquals(0L, executor.stats().snapshot().getOrDefault("upsert", 0L), "no request counted");
    }

    @Test
    void beforeTheDeadlineItSendsAsAlways() {
        BaseRequestExecutor executor = executor(5, Duration.ofSeconds(30));
        assertEquals("ok", executor.execute(RequestKind.LIST, "list", in(Duration.ofSeconds(1)), mayHaveApplied -> "ok"));
        assertEquals("ok", executor.execute(RequestKind.LIST, "list", Deadline.NONE, mayHaveApplied -> "ok"));
    }

    @Test
    void a429WhosePenaltyWouldEndPastTheDeadlineIsNotWaitedOut() {
        BaseRequestExecutor executor = executor(5, Duration.ofSeconds(30));
        Deadline deadline = in(Duration.ofSeconds(10));
        AtomicInteger sent = new AtomicInteger();

        AirtableDeadlineException e = assertThrows(AirtableDeadlineException.class, () -> executor.execute(
                RequestKind.UPSERT, "upsert", deadline, mayHaveApplied -> {
                    sent.incrementAndGet();
                    throw rateLimited();
                }));

        assertEquals(1, sent.get(), "sent once, refused with a 429, not resent");
        assertFalse(e.earlierAttemptMayHaveApplied(), "a 429 applies nothing");
        assertTrue(e.getMessage().contains("429 penalty"), e.getMessage());
        // Every other request of the base is held by the same penalty: refused too, without a wait.
        assertThrows(AirtableDeadlineException.class, () -> executor.execute(RequestKind.LIST, "list", deadline,
                mayHaveApplied -> sent.incrementAndGet()));
        assertEquals(1, sent.get());
    }

    @Test
    void a429WhosePenaltyEndsBeforeTheDeadlineIsWaitedOutAndResent() {
        BaseRequestExecutor executor = executor(5, Duration.ZERO);
        AtomicInteger sent = new AtomicInteger();
        String answer = executor.execute(RequestKind.UPSERT, "upsert", in(Duration.ofSeconds(10)), mayHaveApplied -> {
            if (sent.incrementAndGet() == 1) {
                throw rateLimited();
            }
            return "ok";
        });
        assertEquals("ok", answer);
        assertEquals(2, sent.get());
    }

    @Test
    void aRetryWhoseBackOffWouldEndPastTheDeadlineIsNotWaitedFor() {
        BaseRequestExecutor executor = executor(5, Duration.ofSeconds(30));
        // The first back-off is 125 to 250 ms: past a deadline 100 ms away.
        Deadline deadline = in(Duration.ofMillis(100));
        AtomicInteger sent = new AtomicInteger();

        AirtableDeadlineException e = assertThrows(AirtableDeadlineException.class, () -> executor.execute(
                RequestKind.UPDATE, "update", deadline, mayHaveApplied -> {
                    sent.incrementAndGet();
                    throw AirtableErrors.exception(503, "HTTP_503", "unavailable", null, null);
                }));

        assertEquals(1, sent.get());
        assertTrue(e.earlierAttemptMayHaveApplied(), "a 503 does not say whether the write landed");
        assertTrue(e.getMessage().contains("back-off"), e.getMessage());
        assertEquals(0L, executor.stats().snapshot().getOrDefault("retries", 0L), "no retry counted: none was made");
    }

    @Test
    void aPacingWaitThatWouldEndPastTheDeadlineIsNotBegun() {
        BaseRequestExecutor executor = executor(5, Duration.ofSeconds(30));
        Deadline deadline = in(Duration.ofMillis(500));
        AtomicInteger sent = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            executor.execute(RequestKind.LIST, "list " + i, deadline, mayHaveApplied -> sent.incrementAndGet());
        }
        // Five answered just now: the sixth may leave about a second later, past the deadline.
        AirtableDeadlineException e = assertThrows(AirtableDeadlineException.class, () -> executor.execute(
                RequestKind.LIST, "list 6", deadline, mayHaveApplied -> sent.incrementAndGet()));
        assertEquals(5, sent.get());
        assertTrue(e.getMessage().contains("pacing"), e.getMessage());
        // Once the window has passed (and the deadline is later), it goes.
        ticker.advance(Duration.ofSeconds(1));
        executor.execute(RequestKind.LIST, "list 6", in(Duration.ofSeconds(1)), mayHaveApplied -> sent.incrementAndGet());
        assertEquals(6, sent.get());
    }
}
