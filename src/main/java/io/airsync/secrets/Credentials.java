package io.airsync.secrets;

import io.airsync.config.AirsyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The two secrets Airsync needs, each either given directly (local runs: {@code airsync.airtable.token},
 * {@code airsync.mongodb.uri}) or as a reference to Secrets Manager / SSM (Lambda: {@code airsync.airtable.token-secret},
 * {@code airsync.mongodb.uri-secret}; see {@link SecretResolver}). A direct value wins over a reference. Each is read
 * once and kept for the container's life. Nothing here ever prints a value.
 */
@ApplicationScoped
public class Credentials {

    private final Secret airtableToken;
    private final Secret mongoUri;

    @Inject
    public Credentials(AirsyncConfig config, SecretResolver resolver) {
        this(config.airtable().token(), config.airtable().tokenSecret(), config.mongodb().uri(),
                config.mongodb().uriSecret(), resolver);
    }

    public Credentials(Optional<String> airtableToken, Optional<String> airtableTokenSecret, Optional<String> mongoUri,
            Optional<String> mongoUriSecret, SecretResolver resolver) {
        this.airtableToken = new Secret("Airtable token", "airsync.airtable.token", "AIRSYNC_AIRTABLE_TOKEN",
                "airsync.airtable.token-secret", "AIRSYNC_AIRTABLE_TOKEN_SECRET", "token",
                airtableToken, airtableTokenSecret, resolver);
        this.mongoUri = new Secret("MongoDB connection string", "airsync.mongodb.uri", "AIRSYNC_MONGODB_URI",
                "airsync.mongodb.uri-secret", "AIRSYNC_MONGODB_URI_SECRET", "uri",
                mongoUri, mongoUriSecret, resolver);
    }

    /** The Airtable personal access token. */
    public String airtableToken() {
        return airtableToken.value();
    }

    /** The MongoDB connection string (it holds a password). */
    public String mongoUri() {
        return mongoUri.value();
    }

    @Override
    public String toString() {
        return "Credentials[airtableToken=" + airtableToken + ", mongoUri=" + mongoUri + "]";
    }

    /** One secret setting: where it comes from, and its value once read. */
    private static final class Secret {
        private final String what;
        private final String property;
        private final String envVar;
        private final String secretProperty;
        private final String secretEnvVar;
        private final String jsonKey;
        private final Optional<String> direct;
        private final Optional<String> reference;
        private final SecretResolver resolver;
        private volatile String value;

        Secret(String what, String property, String envVar, String secretProperty, String secretEnvVar,
                String jsonKey, Optional<String> direct, Optional<String> reference, SecretResolver resolver) {
            this.what = what;
            this.property = property;
            this.envVar = envVar;
            this.secretProperty = secretProperty;
            this.secretEnvVar = secretEnvVar;
            this.jsonKey = jsonKey;
            this.direct = direct.map(String::strip).filter(s -> !s.isEmpty());
            this.reference = reference.map(String::strip).filter(s -> !s.isEmpty());
            this.resolver = resolver;
        }

        String value() {
            String v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = read();
                        value = v;
                    }
                }
            }
            return v;
        }

        private String read() {
            if (direct.isPresent()) {
                return direct.get();
            }
            if (reference.isEmpty()) {
                throw new MissingSecretException("No " + what + " configured: set " + property
                        + " (environment variable " + envVar + ") for a local run, or " + secretProperty
                        + " (environment variable " + secretEnvVar
                        + ") to a Secrets Manager secret name or ARN, or to ssm:/parameter/name");
            }
            try {
                return resolver.resolve(reference.get(), jsonKey);
            } catch (MissingSecretException e) {
                throw new MissingSecretException("Cannot read the " + what + " (" + secretProperty + "): "
                        + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            String source = direct.isPresent() ? property : reference.map(r -> "secret " + r).orElse("not configured");
            return "<" + source + (value == null ? "" : ", loaded") + ">";
        }
    }
}
