package io.airsync.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one place production code gets time from: wall time ({@link Clock}, UTC) for leases, reports and months, and a
 * {@link Ticker} for durations. Tests replace these beans (or pass their own) to drive time.
 */
@ApplicationScoped
public class TimeProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    Ticker ticker() {
        return Ticker.system();
    }
}
