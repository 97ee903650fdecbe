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
    public static final int RATE = 150;

    /** Init arg: "false" leaves {@code airsync.airtable.token} unset (tests of token secrets and missing tokens). */
    public static final String CONFIGURE_TOKEN = "configureToken";

    private static volatile AirtableEmulator emulator;
    private boolean configureToken = true;

    @Override
    public void init(Map<String, String> initArgs) {
        configureToken = Boolean.parseBoolean(initArgs.getOrDefault(CONFIGURE_TOKEN, "true"));
    }

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
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "airsync.airtable.url", emulator.url(),
                "airsync.airtable.base-id", BASE_ID,
                "airsync.airtable.requests-per-second", String.valueOf(RATE),
                "airsync.airtable.rate-limit-penalty", "1S"));
        if (configureToken) {
            config.put("airsync.airtable.token", TOKEN);
        }
        return config;
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }
}
