package io.airsync.testing.airtable;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Starts the Airtable emulator with the base schema that matches the default mapping (infra/airtable/schema.json) and
 * points Airsync at it. Tests read and steer the emulator through {@link #emulator()}. Pacing is time-scaled (50
 * requests/s at both ends, a 1 s penalty) so tests run fast under the same rules.
 */
public class AirtableEmulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String BASE_ID = "appAirsyncTest001";
    public static final String TOKEN = "patTestToken.0123456789abcdef";
    public static final int RATE = 50;

    private static volatile AirtableEmulator emulator;

    public static AirtableEmulator emulator() {
        return emulator;
    }

    public static Path schemaFile() {
        return Path.of(System.getProperty("user.dir"), "infra", "airtable", "schema.json");
    }

    @Override
    public Map<String, String> start() {
        emulator = AirtableEmulator.start(new EmulatorOptions().token(TOKEN).requestsPerSecond(RATE)
                .penalty(Duration.ofSeconds(1)));
        emulator.addBaseFromFile(BASE_ID, schemaFile());
        return Map.of(
                "airsync.airtable.url", emulator.url(),
                "airsync.airtable.base-id", BASE_ID,
                "airsync.airtable.token", TOKEN,
                "airsync.airtable.requests-per-second", String.valueOf(RATE),
                "airsync.airtable.rate-limit-penalty", "1S");
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }
}
