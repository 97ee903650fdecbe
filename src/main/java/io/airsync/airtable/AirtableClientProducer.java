package io.airsync.airtable;

import io.airsync.config.AirsyncConfig;
import io.airsync.time.Ticker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The application's one AirtableClient, configured from {@code airsync.airtable.*}: inject {@code AirtableClient}. */
@ApplicationScoped
public class AirtableClientProducer {

    @Produces
    @Singleton
    AirtableClient airtableClient(AirsyncConfig config, Ticker ticker) {
        return new AirtableClient(AirtableSettings.from(config.airtable()), ticker);
    }

    void close(@Disposes AirtableClient client) {
        client.close();
    }
}
