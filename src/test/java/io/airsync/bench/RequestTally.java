package io.airsync.bench;

import io.airsync.testing.airtable.LoggedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The emulator's request log for one base, counted by kind: schema reads, list pages, single-record gets, creates
 * (POST), upserts and updates (PATCH/PUT; the log keeps no bodies, so the split comes from the client's own stats),
 * deletes, and the 429s answered. Also finds each 429 that opened a penalty and what arrived in the second before.
 * The emulated competing client's requests are counted apart; they do fill the window and may open a penalty.
 */
final class RequestTally {

    long schema;
    long list;
    long get;
    long create;
    long patch;
    long delete;
    long other;
    /** 429s answered to the measured client. */
    long rateLimited;
    /** The emulated competing client's requests admitted and refused (not counted anywhere else). */
    long competing;
    long competingRefused;
    /** Requests answered with something else than 2xx or 429 (4xx/5xx). */
    long errors;
    final List<PenaltyStart> penalties = new ArrayList<>();

    /** A 429 that opened a penalty: the {@code rate} admitted arrivals before it and its own. */
    record PenaltyStart(Instant at, List<Instant> window) {
        /** From the first of the window's arrivals to the refused one. */
        Duration span() {
            return Duration.between(window.get(0), at);
        }
    }

    static RequestTally of(List<LoggedRequest> log, String baseId, int rate) {
        RequestTally t = new RequestTally();
        List<Instant> admitted = new ArrayList<>();
        boolean inPenalty = false;
        for (LoggedRequest r : log) {
            if (!baseId.equals(r.baseId())) {
                continue;
            }
            if (r.isCompetingClient()) {
                // The other client's requests fill the same window and may open a penalty; they are not ours.
                if (r.status() == 429) {
                    t.competingRefused++;
                    if (!inPenalty) {
                        int from = Math.max(0, admitted.size() - rate);
                        t.penalties.add(new PenaltyStart(r.at(), List.copyOf(admitted.subList(from, admitted.size()))));
                        inPenalty = true;
                    }
                } else {
                    t.competing++;
                    admitted.add(r.at());
                    inPenalty = false;
                }
                continue;
            }
            if (r.status() == 429) {
                t.rateLimited++;
                if (!inPenalty) {
                    int from = Math.max(0, admitted.size() - rate);
                    t.penalties.add(new PenaltyStart(r.at(), List.copyOf(admitted.subList(from, admitted.size()))));
                    inPenalty = true;
                }
                continue;
            }
            inPenalty = false;
            admitted.add(r.at());
            if (r.status() < 200 || r.status() >= 300) {
                t.errors++;
            }
            t.count(r);
        }
        return t;
    }

    private void count(LoggedRequest r) {
        String path = r.path();
        int segments = path.split("/").length - 1; // "/v0/app/Table" -> 3
        String method = r.method().toUpperCase(Locale.ROOT);
        if (path.startsWith("/v0/meta/")) {
            schema++;
        } else if (path.endsWith("/listRecords") && method.equals("POST")) {
            list++;
        } else if (method.equals("GET")) {
            if (segments == 3) {
                list++;
            } else {
                get++;
            }
        } else if (method.equals("POST")) {
            create++;
        } else if (method.equals("PATCH") || method.equals("PUT")) {
            patch++;
        } else if (method.equals("DELETE")) {
            delete++;
        } else {
            other++;
        }
    }

    long reads() {
        return schema + list + get;
    }

    long writes() {
        return create + patch + delete;
    }

    /** Requests Airtable admitted (everything but the 429s). */
    long admitted() {
        return reads() + writes() + other;
    }

    long total() {
        return admitted() + rateLimited;
    }
}
