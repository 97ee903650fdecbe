package io.airsync.source;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import io.airsync.config.AirsyncConfig;
import io.airsync.testing.AirsyncTestConfig;
import io.airsync.testing.mongo.PasswordMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Transport security of the source connection: production refuses a URI without TLS unless explicitly allowed, and
 * refuses certificate or host name checks turned off even then; no refusal repeats the URI (it holds a password).
 * And the connection check before a run: unreachable, refused credentials, reachable.
 */
class MongoConnectorTest {

    static final String PASSWORD = "Pa55-in-the-URI-7c2d";

    @Test
    void productionConfigurationRefusesAUriWithoutTls() throws Exception {
        Properties shipped = new Properties();
        try (var in = Files.newInputStream(Path.of("src", "main", "resources", "application.properties"))) {
            shipped.load(in);
        }
        assertEquals("false", shipped.getProperty("airsync.mongodb.allow-insecure"), "shipped configuration");
        AirsyncConfig defaults = AirsyncTestConfig.of(Map.of());
        assertFalse(defaults.mongodb().allowInsecure(), "the setting's own default");

        MongoConnector connector = new MongoConnector(defaults);
        SourceException e = assertThrows(SourceException.class,
                () -> connector.database("mongodb://airsync:" + PASSWORD + "@db.example.com:27017/airsync"));
        assertTrue(e.getMessage().contains("does not use TLS") && e.getMessage().contains("AIRSYNC_MONGODB_ALLOW_INSECURE"),
                e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @Test
    void tlsUrisAreAccepted() {
        // (mongodb+srv:// URIs, TLS by default, are looked up in DNS as they are parsed: not here, offline.)
        for (String uri : List.of("mongodb://u:p@db.example.com/?tls=true", "mongodb://u:p@db.example.com/?ssl=true",
                "mongodb://u:p@a.example.com,b.example.com/?replicaSet=rs0&TLS=TRUE",
                "mongodb://u:p@db.example.com/?tls=true&tlsAllowInvalidCertificates=false")) {
            assertDoesNotThrow(() -> MongoConnector.checkTransportSecurity(new ConnectionString(uri), false), uri);
        }
    }

    @Test
    void plainConnectionsAreRefusedUnlessExplicitlyAllowed() {
        for (String uri : List.of("mongodb://db.example.com/airsync", "mongodb://db.example.com/?tls=false",
                "mongodb://db.example.com/?ssl=false", "mongodb://a.example.com,b.example.com/?replicaSet=rs0")) {
            SourceException e = assertThrows(SourceException.class,
                    () -> MongoConnector.checkTransportSecurity(new ConnectionString(uri), false), uri);
            assertTrue(e.getMessage().contains("does not use TLS"), e.getMessage());
            assertDoesNotThrow(() -> MongoConnector.checkTransportSecurity(new ConnectionString(uri), true),
                    "explicitly allowed (local databases): " + uri);
        }
    }

    @Test
    void certificateChecksCanNeverBeTurnedOffEvenWhenInsecureIsAllowed() {
        for (String option : List.of("tlsAllowInvalidCertificates=true", "tlsAllowInvalidHostnames=true", "tlsInsecure=true",
                "sslInvalidHostNameAllowed=true", "TLSALLOWINVALIDCERTIFICATES=TRUE", "tlsInsecure=TRUE")) {
            String uri = "mongodb://u:" + PASSWORD + "@db.example.com/?tls=true&" + option;
            for (boolean allowInsecure : new boolean[] {false, true}) {
                SourceException e = assertThrows(SourceException.class,
                        () -> MongoConnector.checkTransportSecurity(new ConnectionString(uri), allowInsecure), option);
                assertTrue(e.getMessage().contains("disables TLS certificate checks"), e.getMessage());
                assertFalse(e.getMessage().contains(PASSWORD));
            }
        }
    }

    @Test
    void anUnparsableUriIsRefusedWithoutRepeatingIt() {
        MongoConnector connector = new MongoConnector(AirsyncTestConfig.of(Map.of()));
        for (String uri : List.of("mongo://u:" + PASSWORD + "@host", "mongodb://u:" + PASSWORD + "@", PASSWORD,
                "mongodb://u:" + PASSWORD + "@host:99999/")) {
            SourceException e = assertThrows(SourceException.class, () -> connector.database(uri));
            assertEquals("the MongoDB URI is not a valid connection string (its value is not shown)", e.getMessage());
            assertTrue(e.getCause() == null, "no cause that could carry the URI");
        }
    }

    @Property(tries = 300)
    void noRefusalEverRepeatsThePassword(@ForAll("uris") String uri, @ForAll boolean allowInsecure) {
        MongoConnector connector = new MongoConnector(AirsyncTestConfig.of(Map.of("airsync.mongodb.allow-insecure",
                String.valueOf(allowInsecure), "airsync.mongodb.uri", "unused")));
        try {
            MongoConnector.checkTransportSecurity(MongoConnector.parse(uri), allowInsecure);
        } catch (SourceException e) {
            assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
            assertTrue(e.getCause() == null);
        }
        connector.close();
    }

    @Provide
    Arbitrary<String> uris() {
        Arbitrary<String> scheme = Arbitraries.of("mongodb://", "mongo://", "");
        Arbitrary<String> host = Arbitraries.of("db.example.com", "a.example.com:27017,b.example.com:27018",
                "db.example.com:99999", "", "[::1]:27017", "[::1");
        Arbitrary<String> options = Arbitraries.of("tls=true", "tls=false", "ssl=true", "tlsInsecure=true",
                "tlsAllowInvalidHostnames=true", "authSource=admin", "replicaSet=rs0", "tls=maybe", "w=majority")
                .list().ofMaxSize(3).map(l -> l.isEmpty() ? "" : "/?" + String.join("&", l));
        return net.jqwik.api.Combinators.combine(scheme, host, options)
                .as((s, h, o) -> s + "airsync:" + PASSWORD + "@" + h + o);
    }

    @Test
    void theConnectionCheckTellsUnreachableFromRefusedFromFine() {
        try (PasswordMongo mongo = PasswordMongo.start("reader", PASSWORD)) {
            MongoConnector connector = new MongoConnector(AirsyncTestConfig.of(Map.of("airsync.mongodb.allow-insecure", "true")));
            try {
                String good = mongo.uri("serverSelectionTimeoutMS=1500");
                assertDoesNotThrow(() -> connector.verify(connector.database(good), good));

                String wrong = mongo.uriWithPassword("not-" + PASSWORD, "serverSelectionTimeoutMS=1500");
                SourceException refused = assertThrows(SourceException.class,
                        () -> connector.verify(connector.database(wrong), wrong));
                assertEquals("MongoDB at 127.0.0.1:" + mongo.port() + " refused the credentials of the configured URI "
                        + "(authentication failed; check the user and password in the secret)", refused.getMessage());

                int closedPort = mongo.port();
                mongo.close();
                String gone = "mongodb://reader:" + PASSWORD + "@127.0.0.1:" + closedPort
                        + "/?authMechanism=PLAIN&authSource=%24external&serverSelectionTimeoutMS=1000";
                SourceException unreachable = assertThrows(SourceException.class,
                        () -> connector.verify(connector.database(gone), gone));
                assertTrue(unreachable.getMessage().startsWith("MongoDB at 127.0.0.1:" + closedPort + " is unreachable"),
                        unreachable.getMessage());
                assertFalse(unreachable.getMessage().contains(PASSWORD), unreachable.getMessage());
            } finally {
                connector.close();
            }
        }
    }
}
