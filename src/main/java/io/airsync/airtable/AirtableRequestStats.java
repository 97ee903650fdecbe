package io.airsync.airtable;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests sent to one base, by kind, plus 429s met, retries made, the time penalties cost, the lowest rate the
 * pacing allowed (lower than configured after a 429 from another client of the base) and the round trips (what
 * bounds the pace on a slow network: {@link #safeShareOfRate}). Thread-safe.
 */
public final class AirtableRequestStats {
    /** Snapshot key: time the base's gate was closed for 429 penalties, in milliseconds (adds up). */
    public static final String PENALTY_WAIT_MS = "penaltyWaitMs";
    /** Snapshot key: the lowest rate the pacing allowed, in requests per minute (a level, not a count). */
    public static final String LOWEST_REQUESTS_PER_MINUTE = "lowestRequestsPerMinute";

    /** Snapshot key: round trips measured (a request sent until its answer or failure came back). */
    public static final String ROUND_TRIPS = "roundTrips";
    /** Snapshot key: those round trips added up, in milliseconds (divided by {@link #ROUND_TRIPS}: the mean). */
    public static final String ROUND_TRIP_MS = "roundTripMs";
    /** Snapshot key: the shortest round trip so far, in milliseconds (a level; 0 before the first). */
    public static final String SHORTEST_ROUND_TRIP_MS = "shortestRoundTripMs";

    /** Snapshot keys that are not request counts by kind (the sum of the others is the requests sent). */
    public static final java.util.Set<String> NOT_REQUEST_KINDS = java.util.Set.of("rateLimited", "retries",
            PENALTY_WAIT_MS, LOWEST_REQUESTS_PER_MINUTE, ROUND_TRIPS, ROUND_TRIP_MS, SHORTEST_ROUND_TRIP_MS);
    /** Snapshot keys that are levels, not counts: a difference of two snapshots takes the later one. */
    static final java.util.Set<String> LEVELS = java.util.Set.of(LOWEST_REQUESTS_PER_MINUTE, SHORTEST_ROUND_TRIP_MS);

    private final Map<RequestKind, AtomicLong> byKind = new EnumMap<>(RequestKind.class);
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final RequestPacer pacer;

    AirtableRequestStats(RequestPacer pacer) {
        this.pacer = pacer;
        for (RequestKind k : RequestKind.values()) {
            byKind.put(k, new AtomicLong());
        }
    }

    public void recordRequest(RequestKind kind) {
        byKind.get(kind).incrementAndGet();
    }

    public void recordRateLimited() {
        rateLimited.incrementAndGet();
    }

    public void recordRetry() {
        retries.incrementAndGet();
    }

    public long count(RequestKind kind) {
        return byKind.get(kind).get();
    }

    /** The rate the pacing allows now (lower than configured after a 429 from another client, until it recovers). */
    public double requestsPerSecondNow() {
        return pacer.requestsPerSecond();
    }

    /**
     * Keys: list, get, create, upsert, update, delete, schema, rateLimited, retries, {@value #PENALTY_WAIT_MS},
     * {@value #LOWEST_REQUESTS_PER_MINUTE}, {@value #ROUND_TRIPS}, {@value #ROUND_TRIP_MS},
     * {@value #SHORTEST_ROUND_TRIP_MS}.
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        byKind.forEach((k, v) -> m.put(k.name().toLowerCase(java.util.Locale.ROOT), v.get()));
        m.put("rateLimited", rateLimited.get());
        m.put("retries", retries.get());
        m.put(PENALTY_WAIT_MS, pacer.penaltyWait().toMillis());
        m.put(LOWEST_REQUESTS_PER_MINUTE, Math.round(pacer.lowestRequestsPerSecond() * 60));
        m.put(ROUND_TRIPS, pacer.roundTrips());
        m.put(ROUND_TRIP_MS, pacer.roundTripTotal().toMillis());
        java.time.Duration shortest = pacer.smallestRoundTrip();
        m.put(SHORTEST_ROUND_TRIP_MS, shortest == null ? 0 : shortest.toMillis());
        return m;
    }

    /**
     * The largest share of the rate a client that never causes a 429 can reach with these round trips. It cannot know
     * when a request arrived, only that it was after it left and before its answer came back, so each of the
     * {@code n} requests a window allows holds its place from leaving until a window after its answer, less the
     * shortest round trip ({@link RequestPacer}): {@code n} per {@code mean + window - shortest}. 1 at most.
     */
    public static double safeShareOfRate(double meanRoundTripMs, double shortestRoundTripMs) {
        double windowMs = RequestPacer.AIRTABLE_WINDOW.toMillis();
        return Math.min(1, windowMs / Math.max(windowMs, meanRoundTripMs + windowMs - shortestRoundTripMs));
    }

    /** The difference between two snapshots (after - before), for per-table figures; a level is taken as after. */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, LEVELS.contains(k) ? v : v - before.getOrDefault(k, 0L)));
        return d;
    }
}
