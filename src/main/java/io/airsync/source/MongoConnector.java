package io.airsync.source;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.airsync.config.AirsyncConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Opens the source database from a URI that is only known at run time (it comes from a secret), and keeps the client
 * for the life of the Lambda container. Refuses connections that would travel without TLS or with certificate checks
 * off, unless {@code airsync.mongodb.allow-insecure} is set (local runs and tests).
 */
@ApplicationScoped
public class MongoConnector {

    private final AirsyncConfig config;
    private MongoClient client;
    private String clientUri;

    @Inject
    public MongoConnector(AirsyncConfig config) {
        this.config = config;
    }

    public synchronized MongoDatabase database(String uri) {
        if (client == null || !uri.equals(clientUri)) {
            close();
            ConnectionString cs = parse(uri);
            checkTransportSecurity(cs, config.mongodb().allowInsecure());
            MongoClientSettings settings = MongoClientSettings.builder()
                    .applyConnectionString(cs)
                    .applicationName("airsync")
                    // UUID _ids (binary subtype 4) decode as java.util.UUID, so they can be keys and resume points;
                    // unless the URI says otherwise (uuidRepresentation=...).
                    .uuidRepresentation(cs.getUuidRepresentation() != null ? cs.getUuidRepresentation() : SourceId.UUIDS)
                    // Defaults for what the URI does not set (serverSelectionTimeoutMS, connectTimeoutMS, socketTimeoutMS).
                    .applyToClusterSettings(b -> {
                        if (cs.getServerSelectionTimeout() == null) {
                            b.serverSelectionTimeout(10, TimeUnit.SECONDS);
                        }
                    })
                    .applyToSocketSettings(b -> {
                        if (cs.getConnectTimeout() == null) {
                            b.connectTimeout(10, TimeUnit.SECONDS);
                        }
                        if (cs.getSocketTimeout() == null) {
                            b.readTimeout(60, TimeUnit.SECONDS);
                        }
                    })
                    .build();
            client = MongoClients.create(settings);
            clientUri = uri;
        }
        return client.getDatabase(config.mongodb().database());
    }

    /**
     * Checks that the database answers and accepts the credentials (one {@code ping}), so that a run whose source
     * is unreachable stops before it touches Airtable, with one clear reason instead of one timeout per table.
     *
     * @throws SourceException naming the hosts (never the URI's credentials) and what went wrong
     */
    public void verify(MongoDatabase db, String uri) {
        String hosts = String.join(",", parse(uri).getHosts());
        for (int attempt = 1; ; attempt++) {
            try {
                db.runCommand(new Document("ping", 1));
                return;
            } catch (MongoSecurityException e) {
                throw new SourceException("MongoDB at " + hosts + " refused the credentials of the configured URI "
                        + "(authentication failed; check the user and password in the secret)", null);
            } catch (MongoSocketException e) {
                // A pooled connection that died while the container was idle: the pool is cleared, so one more
                // ping tells a dead connection from a dead server.
                if (attempt == 1) {
                    continue;
                }
                throw new SourceException("MongoDB at " + hosts + " is unreachable (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", null);
            } catch (MongoTimeoutException e) {
                throw new SourceException("MongoDB at " + hosts + " is unreachable (no server answered within the "
                        + "server selection timeout" + socketError(e.getMessage()) + ")", null);
            } catch (MongoCommandException e) {
                throw new SourceException("MongoDB at " + hosts + " refused the ping of database '" + db.getName()
                        + "': " + e.getErrorCodeName() + " (code " + e.getErrorCode() + ")", null);
            } catch (MongoException e) {
                throw new SourceException("MongoDB at " + hosts + " failed: " + e.getClass().getSimpleName()
                        + " (code " + e.getCode() + ")" + rootCause(e), null);
            }
        }
    }

    /**
     * The socket error the driver puts in a server selection timeout's cluster description ("caused by
     * {java.net.ConnectException: Connection refused}"); the description names hosts, never credentials.
     */
    static String socketError(String timeoutMessage) {
        if (timeoutMessage == null) {
            return "";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:caused by|exception=)\\{([^{}]{1,200})}")
                .matcher(timeoutMessage);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last == null ? "" : ": " + last;
    }

    /** The innermost cause's type and message (socket errors), which never hold the URI's password. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? "" : ": " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    /** The URI is a secret: a parse error must not echo it. */
    static ConnectionString parse(String uri) {
        try {
            return new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw new SourceException("the MongoDB URI is not a valid connection string (its value is not shown)", null);
        }
    }

    static void checkTransportSecurity(ConnectionString cs, boolean allowInsecure) {
        String lower = cs.getConnectionString().toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("tlsallowinvalidcertificates=true") || lower.contains("tlsallowinvalidhostnames=true")
                || lower.contains("tlsinsecure=true") || lower.contains("sslinvalidhostnameallowed=true")) {
            throw new SourceException("the MongoDB URI disables TLS certificate checks; Airsync refuses it", null);
        }
        boolean tls = Boolean.TRUE.equals(cs.getSslEnabled()) || cs.isSrvProtocol() && cs.getSslEnabled() == null;
        if (!tls && !allowInsecure) {
            throw new SourceException("the MongoDB URI does not use TLS (add tls=true, or use mongodb+srv://); set "
                    + "AIRSYNC_MONGODB_ALLOW_INSECURE=true only for local databases", null);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
            clientUri = null;
        }
    }
}
