package io.airsync.sync;

import io.airsync.aws.AwsErrors;
import io.airsync.config.AirsyncConfig;
import io.airsync.mapping.MappingException;
import io.airsync.mapping.MappingLoader;
import io.airsync.mapping.SyncMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The mapping in force, loaded once per container from {@code airsync.mapping.location}: the built-in default, a
 * file, or an object in S3 (so operators change the mapping without rebuilding the function).
 */
@ApplicationScoped
public class MappingProvider {

    private final String location;
    private final Supplier<S3Client> s3;
    private volatile SyncMapping mapping;

    @Inject
    public MappingProvider(AirsyncConfig config, Instance<S3Client> s3) {
        this(config.mapping().location(), s3::get);
    }

    /** For {@code location}; the S3 client is asked for only when the location is in S3. */
    public MappingProvider(String location, Supplier<S3Client> s3) {
        this.location = location;
        this.s3 = s3;
    }

    public SyncMapping mapping() {
        SyncMapping m = mapping;
        if (m == null) {
            synchronized (this) {
                if (mapping == null) {
                    mapping = load(location);
                }
                m = mapping;
            }
        }
        return m;
    }

    private SyncMapping load(String location) {
        if (!location.startsWith("s3://")) {
            return new MappingLoader().load(location);
        }
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new MappingException(location + ": an S3 mapping location must look like s3://bucket/key.yaml");
        }
        try {
            byte[] bytes = s3.get().getObjectAsBytes(b -> b.bucket(rest.substring(0, slash)).key(rest.substring(slash + 1)))
                    .asByteArray();
            return new MappingLoader().parse(location, new String(bytes, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw new MappingException(location + ": the mapping could not be read from S3 (" + AwsErrors.describe(e) + ")"
                    + likelyCause(e), e);
        }
    }

    private static String likelyCause(SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            return "; S3 could not be reached";
        }
        return switch (service.statusCode()) {
            case 403 -> "; the function's role may not read it: it needs s3:GetObject on the object, and kms:Decrypt "
                    + "on the bucket's key if the bucket is encrypted with a customer managed KMS key";
            case 404 -> "; no such bucket or object: check airsync.mapping.location (AIRSYNC_MAPPING_LOCATION)";
            default -> "";
        };
    }
}
