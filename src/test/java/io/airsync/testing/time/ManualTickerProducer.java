package io.airsync.testing.time;

import io.airsync.time.Ticker;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Replaces the application's {@link Ticker} with {@link #TICKER} in a Quarkus test whose profile enables this
 * alternative ({@code getEnabledAlternatives()}): the test then decides when the run's budget is spent.
 */
@Alternative
@Singleton
public class ManualTickerProducer {

    /** The one manual ticker of the application under test. */
    public static final ManualTicker TICKER = new ManualTicker();

    @Produces
    @Singleton
    Ticker ticker() {
        return TICKER;
    }
}
