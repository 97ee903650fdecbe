package io.airsync.testing.airtable;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Airtable's per-base limit: more than N requests arriving within any sliding second answer 429, and then every
 * request to that base answers 429 until the penalty has passed. Only admitted requests fill the window.
 */
final class RateLimiter {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private static final class Window {
        final ArrayDeque<Long> admitted = new ArrayDeque<>();
        long penaltyUntil;
        boolean penalised;
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Records the arrival of a request to {@code baseId}; false when it must be refused with 429. */
    boolean admit(String baseId, long nowNanos, int requestsPerSecond, long penaltyNanos) {
        if (requestsPerSecond <= 0) {
            return true;
        }
        Window w = windows.computeIfAbsent(baseId, k -> new Window());
        synchronized (w) {
            if (w.penalised && nowNanos - w.penaltyUntil < 0) {
                return false;
            }
            w.penalised = false;
            while (!w.admitted.isEmpty() && nowNanos - w.admitted.peekFirst() >= SECOND_NANOS) {
                w.admitted.pollFirst();
            }
            if (w.admitted.size() >= requestsPerSecond) {
                w.penalised = true;
                w.penaltyUntil = nowNanos + penaltyNanos;
                w.admitted.clear();
                return false;
            }
            w.admitted.addLast(nowNanos);
            return true;
        }
    }

    void reset() {
        windows.clear();
    }
}
