package io.airsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.airsync.airtable.AirtableRequestStats;
import java.util.ArrayList;
import java.util.List;

/** The measured figures of one scenario: one function process, one or more invocations. */
final class ScenarioResult {
    String suite;
    String name;
    String description;
    TimeScale scale;
    int users;
    long sourceDocuments;

    String status;
    int invocations;
    long documents;
    long created;
    long updated;
    long unchanged;
    long deleted;
    long failed;
    /** The fewest write requests these changes can take: per table, changed records / 10, rounded up. */
    long idealWrites;
    /** What the function itself counted (summed over invocations): create / upsert / update / retries. */
    long clientCreate;
    long clientUpsert;
    long clientUpdate;
    long clientRetries;

    RequestTally requests;
    /** Requests per second another client of the base spends (the competing client), 0 when alone. */
    double competingRate;
    /** From the function's summary: time the base's gate was closed for 429 penalties, the lowest pace it allowed. */
    long penaltyWaitMs;
    double lowestRequestsPerSecond;
    /** From the function's summary: its round trips to Airtable (count, total, shortest). */
    long roundTrips;
    long roundTripMs;
    long shortestRoundTripMs;
    long handlerMs;
    long wallMs;
    long engineCpuMs;
    FunctionProcess.Figures process;

    double machineBusy;
    long othersCpuMs;
    long harnessCpuMs;
    long harnessGcMs;
    double loadAtEnd;
    long[] sendToArrivalMs;
    final List<String> penaltyNotes = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    JsonNode lastSummary;

    long changed() {
        return created + updated + deleted;
    }

    /** (requests Airtable admitted) / (rate left to us): the least time the run could take at this rate. */
    double minimumSeconds() {
        return (double) requests.admitted() / (scale.rate() - competingRate);
    }

    double actualSeconds() {
        return handlerMs / 1000.0;
    }

    double meanRoundTripMs() {
        return roundTrips == 0 ? 0 : (double) roundTripMs / roundTrips;
    }

    /**
     * The efficiency no client that never draws a 429 can pass with this run's round trips (see
     * AirtableRequestStats.safeShareOfRate): given the shortest round trip exactly, which Airsync only estimates.
     */
    double safeCeiling() {
        return roundTrips == 0 ? 0 : AirtableRequestStats.safeShareOfRate(meanRoundTripMs(), shortestRoundTripMs);
    }

    double efficiency() {
        return handlerMs <= 0 ? 0 : minimumSeconds() / actualSeconds();
    }

    double writesPerChanged() {
        return changed() == 0 ? (requests.writes() == 0 ? 0 : Double.POSITIVE_INFINITY) : (double) requests.writes() / changed();
    }

    double cpuMsPer1000Documents() {
        return documents == 0 ? 0 : engineCpuMs * 1000.0 / documents;
    }
}
