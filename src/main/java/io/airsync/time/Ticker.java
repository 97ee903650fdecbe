package io.airsync.time;

/**
 * Monotonic time in nanoseconds, for durations (run budget, pacing, back-off, progress). Production uses
 * {@link System#nanoTime()}; tests inject a {@link ManualTicker} so no assertion depends on the machine's speed.
 */
@FunctionalInterface
public interface Ticker {

    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
