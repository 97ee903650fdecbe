package io.airsync.airtable;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Requests sent to one base, by kind, plus 429s met and retries made. Thread-safe. */
public final class AirtableRequestStats {
    private final Map<RequestKind, AtomicLong> byKind = new EnumMap<>(RequestKind.class);
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    public AirtableRequestStats() {
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

    /** Keys: list, get, create, upsert, update, delete, schema, rateLimited, retries. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        byKind.forEach((k, v) -> m.put(k.name().toLowerCase(java.util.Locale.ROOT), v.get()));
        m.put("rateLimited", rateLimited.get());
        m.put("retries", retries.get());
        return m;
    }

    /** The difference between two snapshots (after - before), for per-table figures. */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0L)));
        return d;
    }
}
