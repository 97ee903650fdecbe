package io.airsync.airtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.testing.time.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pacing rule, the 429 gate and the adaptive rate, with time driven by a {@link ManualTicker}. */
class RequestPacerTest {
    static final long MS = 1_000_000L;
    static final Duration PENALTY = Duration.ofSeconds(30);

    final ManualTicker ticker = new ManualTicker();
    final RequestPacer pacer = new RequestPacer(5, PENALTY, ticker);

    long depart() {
        long wait = pacer.tryDepart();
        assertEquals(0, wait, "the request should leave now");
        return pacer.now();
    }

    void advanceMs(long ms) {
        ticker.advance(Duration.ofMillis(ms));
    }

    @Test
    void fiveLeaveAtOnceTheSixthWaitsForAnAnswerThenAWindowAfterTheFifthMostRecentAnswer() {
        List<Long> left = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            left.add(depart());
        }
        assertEquals(RequestPacer.UNTIL_AN_ANSWER, pacer.tryDepart(), "5 unanswered: none more may leave");
        advanceMs(200);
        pacer.answered(left.get(0), false);
        // 4 in flight and one answered just now: the sixth may reach Airtable only 1 s after that answer.
        assertEquals(1000 * MS, pacer.tryDepart());
        advanceMs(999);
        assertEquals(1 * MS, pacer.tryDepart());
        advanceMs(1);
        depart();
    }

    @Test
    void answersOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < 5; i++) {
            long t = depart();
            advanceMs(100);
            pacer.answered(t, false);
        }
        // The five answers came at +100..+500 ms; the oldest of them leaves the window first.
        assertEquals(600 * MS, pacer.tryDepart());
        advanceMs(600);
        depart();
        assertEquals(100 * MS, pacer.tryDepart(), "the next one waits for the second-oldest answer to age");
    }

    /** Sends {@code n} requests one after the other, each answered {@code roundTripMs[i % length]} after it left. */
    void sendInTurn(int n, long... roundTripMs) {
        for (int sent = 0; sent < n; ) {
            long wait = pacer.tryDepart();
            if (wait != 0) {
                ticker.advance(Duration.ofNanos(wait == RequestPacer.UNTIL_AN_ANSWER ? 1 : wait));
                continue;
            }
            long t = pacer.now();
            advanceMs(roundTripMs[sent % roundTripMs.length]);
            pacer.answered(t, false);
            sent++;
        }
    }

    @Test
    void theShortestRoundTripCorrectsTheWindowOnlyAfterTheWarmUp() {
        sendInTurn(RequestPacer.WARM_UP_ROUND_TRIPS - 1, 150);
        assertEquals(Duration.ZERO, pacer.correctionNow(), "during the warm-up the window is not corrected");
        sendInTurn(1, 150);
        assertEquals(Duration.ofMillis(120), pacer.correctionNow(), "steady round trips: 0.8 of the smallest");
        advanceMs(2000);
        for (int i = 0; i < 5; i++) {
            depart();
        }
        long t = pacer.now();
        advanceMs(150);
        // 4 still in flight, one answered now: the next may leave 1 s - 120 ms after that answer.
        pacer.answered(t, false);
        assertEquals(880 * MS, pacer.tryDepart());
    }

    @Test
    void spreadRoundTripsCorrectTheWindowLess() {
        // The five smallest: 200, 205, 210, 215, 220 ms: c = min(0.8 x 200, 200 - 3 x (220 - 200)) = 140 ms.
        sendInTurn(5, 215, 205, 220, 200, 210);
        sendInTurn(RequestPacer.WARM_UP_ROUND_TRIPS - 5, 600);
        assertEquals(Duration.ofMillis(140), pacer.correctionNow());
        assertEquals(Duration.ofMillis(200), pacer.smallestRoundTrip());
        sendInTurn(1, 150);
        assertEquals(Duration.ZERO, pacer.correctionNow(), "150, 200, 205, 210, 215: 150 - 3 x 65 is below 0");
    }

    @Test
    void aForeignRateLimitClosesTheGateLowersTheRateAndItRecoversGradually() {
        long first = depart();
        long second = depart();
        advanceMs(100);
        assertTrue(pacer.answered(first, true), "a new penalty");
        assertEquals(4.0, pacer.requestsPerSecond(), 1e-9);
        assertEquals(PENALTY.toNanos(), pacer.tryDepart(), "every request waits out the penalty");
        advanceMs(10);
        assertFalse(pacer.answered(second, true), "left before the gate closed: the same penalty");
        assertEquals(4.0, pacer.requestsPerSecond(), 1e-9, "lowered once per penalty");
        assertEquals(PENALTY.toNanos(), pacer.tryDepart(), "the later 429 extends the gate");
        advanceMs(PENALTY.toMillis());
        // At 4 per window now: four leave, the fifth waits for an answer.
        for (int i = 0; i < 4; i++) {
            depart();
        }
        assertEquals(RequestPacer.UNTIL_AN_ANSWER, pacer.tryDepart());
        assertEquals(Duration.ofMillis(30_010), pacer.penaltyWait(), "the gate was closed 30.01 s");
        assertEquals(4.0, pacer.lowestRequestsPerSecond(), 1e-9);

        // No further 429 for RECOVERY_AFTER: back to 5.
        ticker.advance(RequestPacer.RECOVERY_AFTER);
        pacer.tryDepart();
        assertEquals(5.0, pacer.requestsPerSecond(), 1e-9);
        assertEquals(4.0, pacer.lowestRequestsPerSecond(), 1e-9, "the report still shows the lowest");
    }

    @Test
    void a429SoonAfterRecoveringDoublesTheTimeToTheNextStep() {
        long t = depart();
        pacer.answered(t, true);
        ticker.advance(RequestPacer.RECOVERY_AFTER);
        ticker.advance(PENALTY);
        t = depart(); // recovers to 5, then leaves
        assertEquals(5.0, pacer.requestsPerSecond(), 1e-9);
        advanceMs(100);
        pacer.answered(t, true); // the other client is still there
        assertEquals(4.0, pacer.requestsPerSecond(), 1e-9);
        ticker.advance(PENALTY);
        ticker.advance(RequestPacer.RECOVERY_AFTER);
        pacer.tryDepart();
        assertEquals(4.0, pacer.requestsPerSecond(), 1e-9, "not yet: the wait doubled");
        ticker.advance(RequestPacer.RECOVERY_AFTER);
        pacer.tryDepart();
        assertEquals(5.0, pacer.requestsPerSecond(), 1e-9);
    }

    @Test
    void fractionalAndHighRates() {
        RequestPacer half = new RequestPacer(0.5, PENALTY, ticker);
        assertEquals(0, half.tryDepart());
        half.answered(half.now(), false);
        assertEquals(2000 * MS, half.tryDepart(), "one request per 2 s");
        RequestPacer fast = new RequestPacer(100, PENALTY, ticker);
        long t = fast.now();
        for (int i = 0; i < 100; i++) {
            assertEquals(0, fast.tryDepart());
        }
        fast.answered(t, true);
        assertEquals(80.0, fast.requestsPerSecond(), 1e-9, "a fifth lower at high rates");
    }

    /**
     * The argument of {@link RequestPacer}, checked by simulation: requests from 8 threads with a one-way delay of
     * 0-100 ms each way and 150 ms at the server; whatever the draws, no 6 arrive within one second.
     */
    @Test
    void simulatedArrivalsUnderJitterNeverPutSixInOneSecond() {
        for (long seed = 1; seed <= 20; seed++) {
            // 0-100 ms each way: 400 requests in less than 100 s, the pace is still ~4.4/s
            assertSafeAndPaced(seed, 100, 100_000);
            // 0-300 ms each way: the pace drops to ~3.6/s (the price of not knowing when a request arrived)
            assertSafeAndPaced(seed, 300, 120_000);
        }
    }

    /**
     * The rule holds nothing back that could safely leave: whenever it makes a request wait (for an answer or a
     * time), leaving then could make it the sixth in a second. Arrivals consistent with all the client saw (each
     * request arrived at least c/2 after it left and at least c/2 before its answer, c the pacer's correction) put
     * it, at the earliest, within one second after five earlier ones: the in-flight ones arriving with it, the
     * answered ones as late as their answer allows. So no client that never risks a 429 leaves sooner with the same
     * c, which is why jittery round trips cap the pace (AirtableRequestStats.safeShareOfRate).
     */
    @Test
    void whenTheRuleHoldsARequestBackLeavingThenCouldMakeItTheSixthInASecond() {
        long window = RequestPacer.AIRTABLE_WINDOW.toNanos();
        for (long seed = 1; seed <= 10; seed++) {
            Random random = new Random(seed);
            RequestPacer fresh = new RequestPacer(5, PENALTY, ticker);
            List<long[]> requests = new ArrayList<>(); // {departed, answered or -1}
            PriorityQueue<long[]> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a[2], b[2]));
            int holds = 0;
            while (requests.size() < 300) {
                long wait = fresh.tryDepart();
                long now = fresh.now();
                if (wait == 0) {
                    long[] r = {now, -1, now + (150 + random.nextInt(301) + random.nextInt(301)) * MS};
                    requests.add(r);
                    inFlight.add(r);
                    continue;
                }
                holds++;
                long c = fresh.correctionNow().toNanos();
                long earliestArrival = now + c / 2;
                int couldShareItsSecond = 0;
                for (long[] r : requests) {
                    if (r[1] < 0) {
                        couldShareItsSecond++; // may arrive together with it
                    } else {
                        assertTrue(r[1] - r[0] >= c, "seed " + seed + ": c above a round trip seen");
                        if (r[1] - c / 2 > earliestArrival - window) {
                            couldShareItsSecond++;
                        }
                    }
                }
                assertTrue(couldShareItsSecond >= 5, "seed " + seed + ": held back at " + (now / MS) + " ms though only "
                        + couldShareItsSecond + " earlier requests could arrive within its second");
                long until = wait == RequestPacer.UNTIL_AN_ANSWER ? inFlight.peek()[2]
                        : Math.min(now + wait, inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek()[2]);
                ticker.advance(Duration.ofNanos(until - now));
                while (!inFlight.isEmpty() && inFlight.peek()[2] <= fresh.now()) {
                    long[] r = inFlight.poll();
                    r[1] = fresh.now();
                    fresh.answered(r[0], false);
                }
            }
            assertTrue(holds > 250, "seed " + seed + ": the pace was held back " + holds + " times");
        }
    }

    void assertSafeAndPaced(long seed, int maxDelayMs, long withinMs) {
        RequestPacer fresh = new RequestPacer(5, PENALTY, ticker);
        List<Long> arrivals = simulate(fresh, new Random(seed), 400, 8, maxDelayMs, 150, maxDelayMs);
        assertEquals(400, arrivals.size());
        arrivals.sort(null);
        for (int i = 0; i + 5 < arrivals.size(); i++) {
            long span = arrivals.get(i + 5) - arrivals.get(i);
            assertTrue(span >= 1000 * MS, "0-" + maxDelayMs + " ms, seed " + seed + ": arrivals " + i + ".." + (i + 5)
                    + " within " + span / MS + " ms");
        }
        long elapsed = arrivals.get(arrivals.size() - 1) - arrivals.get(0);
        assertTrue(elapsed < withinMs * MS, "0-" + maxDelayMs + " ms, seed " + seed + ": took " + elapsed / MS + " ms");
    }

    /** Arrival times of {@code n} requests sent by {@code threads} threads, each sending the next when answered. */
    List<Long> simulate(RequestPacer pacer, Random random, int n, int threads, int maxInMs, int serverMs, int maxOutMs) {
        record Answer(long at, long departedAt) {
        }
        PriorityQueue<Answer> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
        List<Long> arrivals = new ArrayList<>();
        int idle = threads;
        int sent = 0;
        while (arrivals.size() < n || !inFlight.isEmpty()) {
            long wait = idle > 0 && sent < n ? pacer.tryDepart() : RequestPacer.UNTIL_AN_ANSWER;
            if (wait == 0) {
                long now = pacer.now();
                long arrival = now + random.nextInt(maxInMs + 1) * MS;
                arrivals.add(arrival);
                inFlight.add(new Answer(arrival + serverMs * MS + random.nextInt(maxOutMs + 1) * MS, now));
                idle--;
                sent++;
                continue;
            }
            long next = inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek().at;
            long until = wait == RequestPacer.UNTIL_AN_ANSWER ? next : Math.min(next, pacer.now() + wait);
            if (until == Long.MAX_VALUE) {
                break;
            }
            ticker.advance(Duration.ofNanos(Math.max(0, until - pacer.now())));
            while (!inFlight.isEmpty() && inFlight.peek().at <= pacer.now()) {
                pacer.answered(inFlight.poll().departedAt, false);
                idle++;
            }
        }
        return arrivals;
    }
}
