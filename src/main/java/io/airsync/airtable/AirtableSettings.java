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

    public static AirtableSettings from(AirsyncConfig.Airtable c) {
        return new AirtableSettings(c.url(), c.requestsPerSecond(), c.rateLimitPenalty(), c.maxInFlight(),
                c.maxRetries(), c.rateLimitRetries(), c.connectTimeout(), c.readTimeout());
    }
}
