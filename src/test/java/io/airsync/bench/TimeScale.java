package io.airsync.bench;

import java.time.Duration;

/**
 * Airtable's rules with every time constant divided by {@code factor}: {@code 5 x factor} requests per second per
 * base, a {@code 30 s / factor} penalty after a 429, {@code 150 ms / factor} latency. The emulator's window stays one
 * second (that is the rule); Airsync's client is configured with the same rate and penalty. Factor 1 is Airtable as
 * it is ("true to life").
 */
record TimeScale(int factor) {

    static final int AIRTABLE_RATE = 5;
    static final Duration AIRTABLE_PENALTY = Duration.ofSeconds(30);
    static final Duration AIRTABLE_LATENCY = Duration.ofMillis(150);

    TimeScale {
        if (factor < 1) {
            throw new IllegalArgumentException("time scale must be at least 1, was " + factor);
        }
    }

    int rate() {
        return AIRTABLE_RATE * factor;
    }

    Duration penalty() {
        return AIRTABLE_PENALTY.dividedBy(factor);
    }

    Duration latency() {
        return AIRTABLE_LATENCY.dividedBy(factor);
    }

    boolean trueToLife() {
        return factor == 1;
    }

    String label() {
        return trueToLife() ? "true to life" : "time-scaled x" + factor;
    }

    String describe() {
        return label() + " (" + rate() + " requests/s per base, " + millis(penalty()) + " penalty after a 429, "
                + millis(latency()) + " latency)";
    }

    static String millis(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : d.toNanos() % 1_000_000 == 0 ? ms + " ms"
                : String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }
}
