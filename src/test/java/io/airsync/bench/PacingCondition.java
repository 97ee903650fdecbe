package io.airsync.bench;

import io.airsync.testing.airtable.OneWayDelay;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The worlds the pacing scenarios run in (issue 11): each changes one thing against the quiet machine, and has its
 * efficiency target (least possible time at the rate left to us / actual).
 */
enum PacingCondition {
    QUIET("quiet", "nothing else", 0, 0, false, 0.90),
    JITTER100("jitter100", "one-way delay 0-100 ms each way (uniform)", 100, 0, false, 0.85),
    JITTER300("jitter300", "one-way delay 0-300 ms each way (uniform)", 300, 0, false, 0.80),
    COMPETING("competing", "another client of the base at 1 request/s", 0, 1, false, 0.75),
    BUSY("busy", "two busy threads outside the function (in the benchmark's JVM)", 0, 0, true, 0.85);

    final String key;
    final String description;
    final int maxDelayMs;
    final double competingPerSecond;
    final boolean busyThreads;
    final double efficiencyTarget;

    PacingCondition(String key, String description, int maxDelayMs, double competingPerSecond, boolean busyThreads,
                    double efficiencyTarget) {
        this.key = key;
        this.description = description;
        this.maxDelayMs = maxDelayMs;
        this.competingPerSecond = competingPerSecond;
        this.busyThreads = busyThreads;
        this.efficiencyTarget = efficiencyTarget;
    }

    /** The one-way delay at this time scale (divided by the factor like every time constant). */
    OneWayDelay delay(TimeScale scale) {
        return maxDelayMs == 0 ? OneWayDelay.NONE
                : OneWayDelay.uniform(Duration.ZERO, Duration.ofMillis(maxDelayMs).dividedBy(scale.factor()));
    }

    /** The competing client's requests per second at this time scale. */
    double competing(TimeScale scale) {
        return competingPerSecond * scale.factor();
    }

    /** A base ID of this condition (alphanumeric, as the emulator wants). */
    String baseId(String who) {
        String id = "app" + who + key.substring(0, 1).toUpperCase(Locale.ROOT) + key.substring(1);
        return (id + "00000000000000").substring(0, 17);
    }

    static PacingCondition parse(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key.trim())).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown pacing condition '" + key + "'; known: "
                        + Arrays.stream(values()).map(c -> c.key).toList()));
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(c -> c.key).toList();
    }
}
