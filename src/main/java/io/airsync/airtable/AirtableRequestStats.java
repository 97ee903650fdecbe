package io.airsync.airtable;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests sent to one base, by kind, plus 429s met, retries made, the time penalties cost and the lowest rate the
 * pacing allowed (lower than configured after a 429 from another client of the base). Thread-safe.
 */
public final class AirtableRequestStats {
    /** Snapshot key: time the base's gate was closed for 429 penalties, in milliseconds (adds up). */
    public static final String PENALTY_WAIT_MS = "penaltyWaitMs";
    /** Snapshot key: the lowest rate the pacing allowed, in requests per minute (a level, not a count). */
    public static final String LOWEST_REQUESTS_PER_MINUTE = "lowestRequestsPerMinute";

    /** Snapshot keys that are not request counts by kind (the sum of the others is the requests sent). */
    public static final java.util.Set<String> NOT_REQUEST_KINDS =
            java.util.Set.of("rateLimited", "retries", PENALTY_WAIT_MS, LOWEST_REQUESTS_PER_MINUTE);

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
     * {@value #LOWEST_REQUESTS_PER_MINUTE}.
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        byKind.forEach((k, v) -> m.put(k.name().toLowerCase(java.util.Locale.ROOT), v.get()));
        m.put("rateLimited", rateLimited.get());
        m.put("retries", retries.get());
        m.put(PENALTY_WAIT_MS, pacer.penaltyWait().toMillis());
        m.put(LOWEST_REQUESTS_PER_MINUTE, Math.round(pacer.lowestRequestsPerSecond() * 60));
        return m;
    }

    /** The difference between two snapshots (after - before), for per-table figures; a level is taken as after. */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, LOWEST_REQUESTS_PER_MINUTE.equals(k) ? v : v - before.getOrDefault(k, 0L)));
        return d;
    }
}
