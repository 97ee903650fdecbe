package io.airsync.airtable;

import io.airsync.config.AirsyncConfig;
import java.time.Duration;

/** How the client talks to Airtable: endpoint, pacing, retries, timeouts. Immutable. */
public record AirtableSettings(
        String url,
        double requestsPerSecond,
        Duration rateLimitPenalty,
        int maxInFlight,
        int maxRetries,
        int rateLimitRetries,
        Duration connectTimeout,
        Duration readTimeout) {

    /** The defaults of {@code airsync.airtable.*} (5 requests/s, 30 s penalty, ...) for this URL: tests, benchmarks. */
    public static AirtableSettings defaults(String url) {
        return new AirtableSettings(url, 5, Duration.ofSeconds(30), 5, 6, 10, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public AirtableSettings withRequestsPerSecond(double rps) {
        return new AirtableSettings(url, rps, rateLimitPenalty, maxInFlight, maxRetries, rateLimitRetries, connectTimeout, readTimeout);
    }

    public AirtableSettings withRateLimitPenalty(Duration penalty) {
        return new AirtableSettings(url, requestsPerSecond, penalty, maxInFlight, maxRetries, rateLimitRetries, connectTimeout, readTimeout);
    }

    public AirtableSettings withMaxInFlight(int max) {
        return new AirtableSettings(url, requestsPerSecond, rateLimitPenalty, max, maxRetries, rateLimitRetries, connectTimeout, readTimeout);
    }

    public AirtableSettings withRetries(int maxRetries, int rateLimitRetries) {
        return new AirtableSettings(url, requestsPerSecond, rateLimitPenalty, maxInFlight, maxRetries, rateLimitRetries, connectTimeout, readTimeout);
    }

    public AirtableSettings withTimeouts(Duration connect, Duration read) {
        return new AirtableSettings(url, requestsPerSecond, rateLimitPenalty, maxInFlight, maxRetries, rateLimitRetries, connect, read);
    }

    public static AirtableSettings from(AirsyncConfig.Airtable c) {
        return new AirtableSettings(c.url(), c.requestsPerSecond(), c.rateLimitPenalty(), c.maxInFlight(),
                c.maxRetries(), c.rateLimitRetries(), c.connectTimeout(), c.readTimeout());
    }
}
