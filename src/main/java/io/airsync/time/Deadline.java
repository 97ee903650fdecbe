package io.airsync.time;

import java.time.Duration;
import java.util.Objects;

/**
 * A moment on a {@link Ticker} past which a run may start nothing long: no request is sent and no wait begins (pacing,
 * a 429 penalty, a retry back-off) that would end after it. {@link #NONE} never passes.
 */
public final class Deadline {

    /** No deadline: never passed, any wait fits. */
    public static final Deadline NONE = new Deadline(null, 0);

    private final Ticker ticker;
    private final long atNanos;

    private Deadline(Ticker ticker, long atNanos) {
        this.ticker = ticker;
        this.atNanos = atNanos;
    }

    /** The deadline at {@code atNanos} on {@code ticker}. */
    public static Deadline at(Ticker ticker, long atNanos) {
        return new Deadline(Objects.requireNonNull(ticker, "ticker"), atNanos);
    }

    /** True once the ticker has reached the deadline. */
    public boolean passed() {
        return ticker != null && ticker.nanos() - atNanos >= 0;
    }

    /** True when a wait of {@code nanos} starting now would end past the deadline (or it has passed already). */
    public boolean endsPast(long nanos) {
        return ticker != null && ticker.nanos() + Math.max(0, nanos) - atNanos > 0;
    }

    /** Time left until the deadline (zero once passed; a very long time for {@link #NONE}). */
    public Duration left() {
        return ticker == null ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(Math.max(0, atNanos - ticker.nanos()));
    }

    @Override
    public String toString() {
        return ticker == null ? "Deadline[none]" : "Deadline[in " + left().toMillis() + " ms]";
    }
}
