package io.airsync.testing.airtable;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The network between a client and Airtable, one way: each request (client to Airtable) and each answer (back) is
 * held up by a delay drawn uniformly from {@code min..max}, independently, so arrivals are not departures (the
 * client's pacing cannot count on them). {@link #NONE} is the default.
 */
public record OneWayDelay(Duration min, Duration max) {
    public static final OneWayDelay NONE = new OneWayDelay(Duration.ZERO, Duration.ZERO);

    public OneWayDelay {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("one-way delay must be 0 <= min <= max, was " + min.toMillis() + ".."
                    + max.toMillis() + " ms");
        }
    }

    public static OneWayDelay uniform(Duration min, Duration max) {
        return new OneWayDelay(min, max);
    }

    /**
     * "0-100ms" or "0-100" (uniform, milliseconds), "50ms" (fixed), "0" or "none".
     *
     * @throws IllegalArgumentException naming the text when it is not one of these
     */
    public static OneWayDelay parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("none")) {
            return NONE;
        }
        String ms = t.endsWith("ms") ? t.substring(0, t.length() - 2).trim() : t;
        try {
            int dash = ms.indexOf('-');
            if (dash < 0) {
                Duration fixed = Duration.ofMillis(Long.parseLong(ms));
                return new OneWayDelay(fixed, fixed);
            }
            return new OneWayDelay(Duration.ofMillis(Long.parseLong(ms.substring(0, dash).trim())),
                    Duration.ofMillis(Long.parseLong(ms.substring(dash + 1).trim())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("one-way delay \"" + text
                    + "\" is not MIN-MAX milliseconds (e.g. 0-100ms), a fixed 50ms, or none");
        }
    }

    public boolean isNone() {
        return max.isZero();
    }

    /** One draw from the distribution. */
    public Duration draw() {
        long lo = min.toNanos();
        long hi = max.toNanos();
        return Duration.ofNanos(hi == lo ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1));
    }

    @Override
    public String toString() {
        return isNone() ? "none" : min.equals(max) ? max.toMillis() + " ms"
                : min.toMillis() + "-" + max.toMillis() + " ms uniform";
    }
}
