package io.airsync.testing.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.airsync.testing.demo.DemoDataGenerator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts an {@link EmbeddedMongo} for a {@code @QuarkusTest} and points Airsync at it. Seeds nothing unless asked:
 *
 * <pre>{@code
 * @QuarkusTestResource(value = MongoWireResource.class, initArgs = {
 *         @ResourceArg(name = MongoWireResource.DEMO_USERS, value = "500")})   // optional: the demo dataset
 * class SyncTest {
 *     @BeforeEach void seed() { MongoWireResource.database().getCollection("users").insertOne(...); }
 * }
 * }</pre>
 *
 * <p>Config returned: {@code airsync.mongodb.uri}, {@code airsync.mongodb.database},
 * {@code airsync.mongodb.allow-insecure=true} (the stand-in speaks plain TCP). Deliberately not
 * {@code quarkus.mongodb.connection-string}: Airsync builds its client from its own settings, and a test should
 * fail if it does not. The server and a client are reachable statically while the resource runs.
 */
public class MongoWireResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: the database name (default {@value #DEFAULT_DATABASE}). */
    public static final String DATABASE = "database";
    /** Init arg: seed the demo dataset for this many users (default 0: nothing). */
    public static final String DEMO_USERS = "demoUsers";
    /** Init arg: the demo data seed (default {@link DemoDataGenerator#DEFAULT_SEED}). */
    public static final String DEMO_SEED = "demoSeed";
    public static final String DEFAULT_DATABASE = "airsync";

    private static volatile EmbeddedMongo mongo;
    private static volatile MongoClient client;
    private static volatile String databaseName = DEFAULT_DATABASE;

    private String database = DEFAULT_DATABASE;
    private int demoUsers;
    private long demoSeed = DemoDataGenerator.DEFAULT_SEED;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault(DATABASE, DEFAULT_DATABASE);
        demoUsers = Integer.parseInt(initArgs.getOrDefault(DEMO_USERS, "0"));
        demoSeed = Long.parseLong(initArgs.getOrDefault(DEMO_SEED, String.valueOf(DemoDataGenerator.DEFAULT_SEED)));
    }

    @Override
    public Map<String, String> start() {
        mongo = EmbeddedMongo.start();
        client = MongoClients.create(mongo.connectionString());
        databaseName = database;
        if (demoUsers > 0) {
            new DemoDataGenerator(demoSeed).seed(database(), demoUsers);
        }
        return Map.of(
                "airsync.mongodb.uri", mongo.connectionString(),
                "airsync.mongodb.database", database,
                "airsync.mongodb.allow-insecure", "true");
    }

    @Override
    public void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (mongo != null) {
            mongo.close();
            mongo = null;
        }
    }

    /** The running server. */
    public static EmbeddedMongo mongo() {
        EmbeddedMongo running = mongo;
        if (running == null) {
            throw new IllegalStateException("MongoWireResource is not running (is the test annotated with "
                    + "@QuarkusTestResource(MongoWireResource.class)?)");
        }
        return running;
    }

    public static String connectionString() {
        return mongo().connectionString();
    }

    /** A client to the running server, shared, closed when the resource stops. */
    public static MongoClient client() {
        mongo();
        return client;
    }

    /** The database Airsync was pointed at. */
    public static MongoDatabase database() {
        return client().getDatabase(databaseName);
    }
}
