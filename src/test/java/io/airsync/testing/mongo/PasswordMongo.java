package io.airsync.testing.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A wire-protocol MongoDB (the embedded memory backend, batched like {@link EmbeddedMongo}) that checks a user name
 * and password. mongo-java-server has no authentication of its own; this one speaks SASL {@code PLAIN} (the only
 * mechanism simple enough to check here: the driver sends {@code \0user\0password} in one {@code saslStart}), so a
 * URI with credentials is really authenticated: the right password connects, a wrong one is refused with
 * {@code AuthenticationFailed} (code 18) as mongod refuses it. Connections that have not authenticated may only run
 * the handshake commands.
 *
 * <p>Use {@link #uri(String)} for a connection string the driver authenticates with.
 */
public final class PasswordMongo implements AutoCloseable {

    private static final Set<String> OPEN_COMMANDS = Set.of("hello", "ismaster", "buildinfo", "ping", "saslstart",
            "saslcontinue", "getnonce", "endsessions", "getlasterror");

    private final MongoServer server;
    private final String user;
    private volatile String password;
    private final AtomicInteger refusals = new AtomicInteger();

    private PasswordMongo(String user, String password) {
        this.user = Objects.requireNonNull(user);
        this.password = Objects.requireNonNull(password);
        this.server = new MongoServer(new Backend());
        server.bind("127.0.0.1", 0);
    }

    public static PasswordMongo start(String user, String password) {
        return new PasswordMongo(user, password);
    }

    public int port() {
        InetSocketAddress address = server.getLocalAddress();
        if (address == null) {
            throw new IllegalStateException("the password MongoDB is not running");
        }
        return address.getPort();
    }

    /** Without credentials: for seeding and checking from tests (those commands are let through, see below). */
    public String adminUri() {
        return "mongodb://127.0.0.1:" + port();
    }

    /** {@code mongodb://user:password@127.0.0.1:<port>/?authMechanism=PLAIN&...} with the given password. */
    public String uriWithPassword(String withPassword, String... extraOptions) {
        StringBuilder uri = new StringBuilder("mongodb://").append(encode(user)).append(':').append(encode(withPassword))
                .append("@127.0.0.1:").append(port()).append("/?authMechanism=PLAIN&authSource=%24external");
        for (String option : extraOptions) {
            uri.append('&').append(option);
        }
        return uri.toString();
    }

    /** The URI with the right password. */
    public String uri(String... extraOptions) {
        return uriWithPassword(password, extraOptions);
    }

    /** From now on only {@code newPassword} is accepted (connections already authenticated stay open). */
    public void changePassword(String newPassword) {
        this.password = Objects.requireNonNull(newPassword);
    }

    /** How many authentication attempts were refused. */
    public int refusals() {
        return refusals.get();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private final class Backend extends BatchingMemoryBackend {
        /** Channels that authenticated; and those that never tried (the test's own admin client). */
        private final Set<Channel> authenticated = ConcurrentHashMap.newKeySet();
        private final Set<Channel> refused = ConcurrentHashMap.newKeySet();

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            String lower = command.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("saslstart")) {
                return saslStart(channel, query);
            }
            if (lower.equals("saslcontinue")) {
                Document done = new Document("conversationId", 1).append("done", true)
                        .append("payload", new BinData(new byte[0]));
                done.put("ok", 1.0);
                return done;
            }
            if (refused.contains(channel) && !OPEN_COMMANDS.contains(lower)) {
                throw new MongoServerError(13, "Unauthorized", "command " + command + " requires authentication");
            }
            return super.handleCommand(channel, databaseName, command, query);
        }

        private Document saslStart(Channel channel, Document query) {
            Object mechanism = query.get("mechanism");
            if (!"PLAIN".equals(mechanism)) {
                refuse(channel);
                throw new MongoServerError(334, "MechanismUnavailable", "Received authentication for mechanism "
                        + mechanism + " which is not enabled");
            }
            byte[] payload = query.get("payload") instanceof BinData b ? b.getData() : new byte[0];
            // authzid \0 authcid \0 password
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\0", -1);
            if (parts.length != 3 || !parts[1].equals(user) || !parts[2].equals(password)) {
                refuse(channel);
                throw new MongoServerError(18, "AuthenticationFailed", "Authentication failed.");
            }
            authenticated.add(channel);
            refused.remove(channel);
            Document ok = new Document("conversationId", 1).append("done", true).append("payload", new BinData(new byte[0]));
            ok.put("ok", 1.0);
            return ok;
        }

        private void refuse(Channel channel) {
            refusals.incrementAndGet();
            refused.add(channel);
        }

        @Override
        public void handleClose(Channel channel) {
            authenticated.remove(channel);
            refused.remove(channel);
            super.handleClose(channel);
        }
    }
}
