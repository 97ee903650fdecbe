package io.airsync.testing.airtable;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Every request in arrival order; an entry shows up in snapshots once its status is decided. */
final class RequestLog {
    static final int IN_FLIGHT = -1;

    static final class Entry {
        final Instant at;
        final String method;
        final String path;
        final String query;
        final String body;
        final String baseId;
        volatile int status = IN_FLIGHT;

        Entry(Instant at, String method, String path, String query, String body, String baseId) {
            this.at = at;
            this.method = method;
            this.path = path;
            this.query = query;
            this.body = body;
            this.baseId = baseId;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final EmulatorOptions options;

    RequestLog(EmulatorOptions options) {
        this.options = options;
    }

    Entry begin(Instant at, String method, String path, String query, String body, String baseId) {
        int maxBody = options.maxLoggedBodyChars();
        String logged = body.length() > maxBody ? body.substring(0, maxBody) + "…" : body;
        Entry e = new Entry(at, method, path, query, logged, baseId);
        synchronized (entries) {
            entries.addLast(e);
            int max = options.maxLoggedRequests();
            while (entries.size() > max) {
                entries.pollFirst();
            }
        }
        return e;
    }

    List<LoggedRequest> snapshot() {
        List<LoggedRequest> out;
        synchronized (entries) {
            out = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                int status = e.status;
                if (status != IN_FLIGHT) {
                    out.add(new LoggedRequest(e.at, e.method, e.path, e.query, e.body, status, e.baseId));
                }
            }
        }
        return out;
    }

    void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
