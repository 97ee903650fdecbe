package io.airsync.source;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.airsync.config.AirsyncConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;

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
                    .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
                    .applyToSocketSettings(b -> b.connectTimeout(10, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS))
                    .build();
            client = MongoClients.create(settings);
            clientUri = uri;
        }
        return client.getDatabase(config.mongodb().database());
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
