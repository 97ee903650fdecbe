package io.airsync.testing.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.airsync.testing.demo.DemoDataGenerator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The local stack's MongoDB: an {@link EmbeddedMongo} seeded with the demo dataset, running until stopped.
 *
 * <p>Not persisted: every start seeds the same deterministic dataset (same {@code _id}s, same content), which is
 * what a second local sync needs to be a no-op, with no files to keep in step. Changes made to it are gone after a
 * restart; use {@code --users 0} for an empty server.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.airsync.testing.mongo.LocalMongoServer -Dexec.args="--port 27017"
 * </pre>
 */
@Command(name = "local-mongo", mixinStandardHelpOptions = true,
        description = "Runs an in-memory MongoDB on 127.0.0.1 seeded with the Airsync demo dataset.")
public final class LocalMongoServer implements Callable<Integer> {

    @Option(names = "--port", description = "TCP port (0: a free one). Default: ${DEFAULT-VALUE}")
    int port = 27017;

    @Option(names = "--database", description = "Database to seed. Default: ${DEFAULT-VALUE}")
    String database = MongoWireResource.DEFAULT_DATABASE;

    @Option(names = "--users", description = "Demo users (events and messages follow). Default: ${DEFAULT-VALUE}")
    int users = DemoDataGenerator.LOCAL_USERS;

    @Option(names = "--seed", description = "Demo data seed. Default: ${DEFAULT-VALUE}")
    long seed = DemoDataGenerator.DEFAULT_SEED;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalMongoServer()).execute(args));
    }

    /** Starts the server and seeds it; the caller closes it. */
    public static EmbeddedMongo start(int port, String database, int users, long seed) {
        EmbeddedMongo mongo = EmbeddedMongo.start(port);
        if (users > 0) {
            try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                new DemoDataGenerator(seed).seed(client.getDatabase(database), users);
            } catch (RuntimeException e) {
                mongo.close();
                throw e;
            }
        }
        return mongo;
    }

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedMongo mongo = start(port, database, users, seed);
        DemoDataGenerator.Counts counts = users > 0 ? new DemoDataGenerator(seed).counts(users) : null;
        System.out.println("MongoDB ready: " + mongo.connectionString() + "/" + database
                + (counts == null ? " (empty)" : " (" + counts.users() + " users, " + counts.events() + " events, "
                + counts.messages() + " messages, seed " + seed + ")"));
        System.out.println("AIRSYNC_MONGODB_URI=" + mongo.connectionString());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            stopped.countDown();
        }, "local-mongo-shutdown"));
        stopped.await();
        return 0;
    }
}
