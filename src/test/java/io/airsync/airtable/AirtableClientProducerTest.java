package io.airsync.airtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.airsync.config.AirsyncConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The application's AirtableClient comes from CDI, configured from airsync.airtable.*, one per process. */
@QuarkusTest
@TestProfile(AirtableClientTestProfile.class)
class AirtableClientProducerTest {
    @Inject
    AirtableClient client;

    @Inject
    AirtableClient sameClient;

    @Inject
    AirsyncConfig config;

    @Test
    void configuredFromAirsyncConfig() {
        assertEquals(AirtableSettings.from(config.airtable()), client.settings());
        assertEquals("https://api.airtable.com", client.settings().url());
        assertEquals(5.0, client.settings().requestsPerSecond());
        assertEquals(Duration.ofSeconds(30), client.settings().rateLimitPenalty());
        assertEquals(5, client.settings().maxInFlight());
        assertEquals(AirtableSettings.defaults(client.settings().url()), client.settings(), "defaults() = the config defaults");
    }

    @Test
    void oneClientAndOneBasePerProcess() {
        assertSame(client.settings(), sameClient.settings());
        assertSame(client.base("appProducerTest01", "tok"), sameClient.base("appProducerTest01", "tok"));
    }
}
