package io.airsync.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airsync.config.AirsyncConfig;
import io.airsync.aws.AwsErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Reads secrets from AWS Secrets Manager or SSM Parameter Store (see {@link SecretReference} for the reference
 * syntax). The SDK clients are built on first use only (URL connection HTTP client, region from {@code AWS_REGION},
 * default credentials chain, optional {@code airsync.aws.endpoint-override}), so a run without secret references
 * never touches AWS.
 *
 * <p>Which part of the value is used: with {@code #key}, that member of the JSON object. Without it, a value that is
 * a JSON object with one member gives that member; a JSON object with several members gives the member named like
 * the setting ({@code token} for the Airtable token, {@code uri} for the MongoDB URI), else it is refused with the
 * member names (never their values). Any other value is used whole, trimmed.
 */
@ApplicationScoped
public class SecretResolver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    private final Optional<URI> endpointOverride;
    private final Supplier<Region> region;
    private final Supplier<AwsCredentialsProvider> credentials;
    private volatile SecretsManagerClient secretsManager;
    private volatile SsmClient ssm;

    @Inject
    public SecretResolver(AirsyncConfig config) {
        this(config.aws().endpointOverride(), () -> DefaultAwsRegionProviderChain.builder().build().getRegion(),
                () -> DefaultCredentialsProvider.builder().build());
    }

    /** For tests and tools: explicit endpoint, region and credentials. */
    public SecretResolver(Optional<URI> endpointOverride, Supplier<Region> region,
            Supplier<AwsCredentialsProvider> credentials) {
        this.endpointOverride = endpointOverride;
        this.region = region;
        this.credentials = credentials;
    }

    /**
     * The secret's value.
     *
     * @param reference    e.g. {@code airsync/airtable}, an ARN, {@code ssm:/airsync/token}, optionally {@code #key}
     * @param preferredKey the JSON member to use when the value is a JSON object with several members
     * @throws MissingSecretException naming the reference and the AWS error code when it cannot be read or is empty
     */
    public String resolve(String reference, String preferredKey) {
        SecretReference ref;
        try {
            ref = SecretReference.parse(reference);
        } catch (IllegalArgumentException e) {
            throw new MissingSecretException(e.getMessage());
        }
        String raw;
        try {
            raw = ref.service() == SecretReference.Service.SSM ? readParameter(ref.id()) : readSecret(ref.id());
        } catch (SdkException e) {
            throw new MissingSecretException("Cannot read the secret '" + ref + "' from "
                    + (ref.service() == SecretReference.Service.SSM ? "SSM Parameter Store" : "Secrets Manager")
                    + " (" + AwsErrors.describe(e) + ")", e);
        }
        return select(ref, raw, preferredKey);
    }

    private String readSecret(String id) {
        var response = secretsManager().getSecretValue(b -> b.secretId(id));
        if (response.secretString() == null) {
            throw new MissingSecretException("The secret '" + id + "' holds binary data; Airsync needs a SecretString");
        }
        return response.secretString();
    }

    private String readParameter(String name) {
        return ssm().getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
    }

    static String select(SecretReference ref, String raw, String preferredKey) {
        String value = raw == null ? "" : raw.strip();
        if (ref.jsonKey() != null || value.startsWith("{")) {
            JsonNode json = parseObject(value);
            if (json == null && ref.jsonKey() != null) {
                throw new MissingSecretException("The secret '" + ref + "' names the key '" + ref.jsonKey()
                        + "' but its value is not a JSON object");
            }
            if (json != null) {
                value = member(ref, json, preferredKey);
            }
        }
        if (value.isEmpty()) {
            throw new MissingSecretException("The secret '" + ref + "' is empty");
        }
        return value;
    }

    private static String member(SecretReference ref, JsonNode json, String preferredKey) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        String key;
        if (ref.jsonKey() != null) {
            key = ref.jsonKey();
        } else if (names.size() == 1) {
            key = names.get(0);
        } else if (preferredKey != null && json.has(preferredKey)) {
            key = preferredKey;
        } else {
            throw new MissingSecretException("The secret '" + ref + "' is a JSON object with the keys " + names
                    + "; name the one to use as '" + ref + "#<key>'");
        }
        JsonNode member = json.get(key);
        if (member == null || member.isNull()) {
            throw new MissingSecretException("The secret '" + ref + "' has no key '" + key + "' (its keys: " + names
                    + ")");
        }
        if (!member.isValueNode()) {
            throw new MissingSecretException("The key '" + key + "' of the secret '" + ref + "' is not a string");
        }
        return member.asText().strip();
    }

    /** The JSON object, or null if the value is not one. Parse errors are dropped: their messages quote the value. */
    private static JsonNode parseObject(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private SecretsManagerClient secretsManager() {
        SecretsManagerClient c = secretsManager;
        if (c == null) {
            synchronized (this) {
                c = secretsManager;
                if (c == null) {
                    var builder = SecretsManagerClient.builder()
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .region(region.get())
                            .credentialsProvider(credentials.get())
                            .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT));
                    endpointOverride.ifPresent(builder::endpointOverride);
                    c = builder.build();
                    secretsManager = c;
                }
            }
        }
        return c;
    }

    private SsmClient ssm() {
        SsmClient c = ssm;
        if (c == null) {
            synchronized (this) {
                c = ssm;
                if (c == null) {
                    var builder = SsmClient.builder()
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .region(region.get())
                            .credentialsProvider(credentials.get())
                            .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT));
                    endpointOverride.ifPresent(builder::endpointOverride);
                    c = builder.build();
                    ssm = c;
                }
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return "SecretResolver[endpoint=" + endpointOverride.map(URI::toString).orElse("AWS") + "]";
    }
}
