package io.airsync.testing.mongo;

import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A wire-protocol MongoDB stand-in (mongo-java-server, in memory) on 127.0.0.1, whose find and aggregate replies
 * are cut into batches as a real server cuts them (see {@link BatchingMemoryBackend}), so result sets of any size
 * can be read through the real Java driver.
 *
 * <pre>{@code
 * try (EmbeddedMongo mongo = EmbeddedMongo.start()) {
 *     MongoClient client = MongoClients.create(mongo.connectionString());
 * }
 * }</pre>
 */
public final class EmbeddedMongo implements AutoCloseable {

    /** The library logs every connection at INFO; held strongly so the level sticks. */
    private static final Logger LIBRARY_LOG = Logger.getLogger("de.bwaldvogel.mongo");

    static {
        LIBRARY_LOG.setLevel(Level.WARNING);
    }

    private final MongoServer server;

    private EmbeddedMongo(MongoServer server) {
        this.server = server;
    }

    /** Starts on a free port. */
    public static EmbeddedMongo start() {
        return start(0);
    }

    /** Starts on the given port ({@code 0}: a free one). */
    public static EmbeddedMongo start(int port) {
        MongoServer server = new MongoServer(new BatchingMemoryBackend());
        try {
            server.bind("127.0.0.1", port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start the embedded MongoDB on 127.0.0.1:" + port
                    + (port != 0 ? " (is the port in use?)" : ""), e);
        }
        return new EmbeddedMongo(server);
    }

    /** {@code mongodb://127.0.0.1:<port>}, without a database. */
    public String connectionString() {
        return "mongodb://127.0.0.1:" + port();
    }

    public int port() {
        InetSocketAddress address = server.getLocalAddress();
        if (address == null) {
            throw new IllegalStateException("the embedded MongoDB is not running");
        }
        return address.getPort();
    }

    /** The library's server, for what this class does not wrap. */
    public MongoServer server() {
        return server;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    @Override
    public String toString() {
        return "EmbeddedMongo(" + (server.getLocalAddress() == null ? "stopped" : connectionString()) + ")";
    }
}
