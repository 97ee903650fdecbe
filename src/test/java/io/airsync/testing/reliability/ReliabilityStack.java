package io.airsync.testing.reliability;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.AirtableEmulatorResource;
import io.airsync.testing.airtable.EmulatorOptions;
import io.airsync.testing.mongo.PasswordMongo;
import io.airsync.testing.net.SwitchableTcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stack of the reliability tests: a MongoDB that checks a user and password (reached through a proxy a test can
 * cut), the Airtable emulator with the default base, local files for state and reports, and Airsync pointed at them
 * with distinctive secrets (so a test can search every output for them) and a short client read timeout (so
 * "slower than the timeout" takes seconds, not minutes). Time-scaled: 100 requests/s, a 1 s penalty after a 429.
 */
public class ReliabilityStack implements QuarkusTestResourceLifecycleManager {

    public static final String BASE_ID = "appReliability001";
    /** Distinctive: no log line, message, report or summary may contain it. */
    public static final String TOKEN = "patRe1iabilityT0ken.9c41e7d2b05a6f38";
    public static final String MONGO_USER = "airsync-reader";
    /** Distinctive: no log line, message, report or summary may contain it. */
    public static final String MONGO_PASSWORD = "Mongo-S3cret-Pa55w0rd-4b7e";
    public static final String DATABASE = "reliability";
    public static final int RATE = 250;
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration PENALTY = Duration.ofSeconds(1);
    public static final Path LOCAL_DIR = Path.of(System.getProperty("user.dir"), "target", "reliability-local");

    private static volatile PasswordMongo mongo;
    private static volatile SwitchableTcpProxy mongoProxy;
    private static volatile MongoClient admin;
    private static volatile AirtableEmulator airtable;

    @Override
    public Map<String, String> start() {
        mongo = PasswordMongo.start(MONGO_USER, MONGO_PASSWORD);
        mongoProxy = SwitchableTcpProxy.to(mongo.port());
        admin = MongoClients.create(mongo.adminUri());
        airtable = AirtableEmulator.start(new EmulatorOptions().token(TOKEN).requestsPerSecond(RATE).penalty(PENALTY));
        airtable.addBaseFromFile(BASE_ID, AirtableEmulatorResource.schemaFile());

        Map<String, String> config = new LinkedHashMap<>();
        config.put("airsync.mongodb.uri", "mongodb://" + MONGO_USER + ":" + MONGO_PASSWORD + "@127.0.0.1:"
                + mongoProxy.port() + "/?authMechanism=PLAIN&authSource=%24external&serverSelectionTimeoutMS=2000");
        config.put("airsync.mongodb.database", DATABASE);
        config.put("airsync.mongodb.allow-insecure", "true");
        config.put("airsync.airtable.url", airtable.url());
        config.put("airsync.airtable.base-id", BASE_ID);
        config.put("airsync.airtable.token", TOKEN);
        config.put("airsync.airtable.requests-per-second", String.valueOf(RATE));
        config.put("airsync.airtable.rate-limit-penalty", PENALTY.toSeconds() + "S");
        config.put("airsync.airtable.read-timeout", READ_TIMEOUT.toSeconds() + "S");
        config.put("airsync.local.dir", LOCAL_DIR.toString());
        return config;
    }

    @Override
    public void stop() {
        if (admin != null) {
            admin.close();
        }
        if (mongoProxy != null) {
            mongoProxy.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (airtable != null) {
            airtable.close();
        }
    }

    /**
     * A fresh world for the next test: the default schema and no records in the base, no faults, no request log,
     * the configured token and password accepted, MongoDB reachable, no local state or reports. The source
     * collections are left to the test.
     */
    public static void reset() {
        airtable.faults().clear();
        airtable.options().token(TOKEN).monthlyCallLimit(-1).apiKeyEraErrors(false);
        airtable.startNewMonth();
        airtable.addBaseFromFile(BASE_ID, AirtableEmulatorResource.schemaFile());
        airtable.reset(BASE_ID);
        airtable.resetRateLimits();
        airtable.clearRequests();
        mongo.changePassword(MONGO_PASSWORD);
        mongoProxy.restore();
        deleteLocalData();
    }

    /** Forgets Airsync's local state, checkpoint, lock and reports. */
    public static void deleteLocalData() {
        if (!java.nio.file.Files.exists(LOCAL_DIR)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(LOCAL_DIR)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static AirtableEmulator airtable() {
        return airtable;
    }

    /** The source database, through a client that needs no password (the test's own). */
    public static MongoDatabase database() {
        return admin.getDatabase(DATABASE);
    }

    public static PasswordMongo mongo() {
        return mongo;
    }

    /** Between Airsync and MongoDB: cut it to make MongoDB unreachable. */
    public static SwitchableTcpProxy mongoProxy() {
        return mongoProxy;
    }
}
