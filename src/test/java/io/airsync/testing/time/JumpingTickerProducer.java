package io.airsync.testing.time;

import io.airsync.time.Ticker;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replaces the application's {@link Ticker} in a Quarkus test whose profile enables this alternative
 * ({@code getEnabledAlternatives()}): system time plus jumps the test makes ({@link #jump}). Time still flows (the
 * Airtable client's pacing waits on the same ticker and must see it move), but a test whose budgets and jumps are
 * minutes long decides when a budget is spent, whatever the machine's speed: the seconds the machine takes are noise.
 */
@Alternative
@Singleton
public class JumpingTickerProducer {

    private static final AtomicLong JUMPED = new AtomicLong();

    /** Moves the application's time forward by {@code d} at once. */
    public static void jump(Duration d) {
        JUMPED.addAndGet(d.toNanos());
    }

    @Produces
    @Singleton
    Ticker ticker() {
        return () -> System.nanoTime() + JUMPED.get();
    }
}
