package io.airsync.sync;

import io.airsync.config.AirsyncConfig;
import io.airsync.mapping.MappingException;
import io.airsync.mapping.MappingLoader;
import io.airsync.mapping.SyncMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The mapping in force, loaded once per container from {@code airsync.mapping.location}: the built-in default, a
 * file, or an object in S3 (so operators change the mapping without rebuilding the function).
 */
@ApplicationScoped
public class MappingProvider {

    private final AirsyncConfig config;
    private final Instance<S3Client> s3;
    private volatile SyncMapping mapping;

    @Inject
    public MappingProvider(AirsyncConfig config, Instance<S3Client> s3) {
        this.config = config;
        this.s3 = s3;
    }

    public SyncMapping mapping() {
        SyncMapping m = mapping;
        if (m == null) {
            synchronized (this) {
                if (mapping == null) {
                    mapping = load(config.mapping().location());
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
            throw new MappingException(location + ": the mapping could not be read from S3 (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
