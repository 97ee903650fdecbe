package io.airsync.config;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: registration for the AWS SDK clients Airsync builds itself, with no Quarkus extension behind them
 * (Secrets Manager and SSM in {@code SecretResolver}, Lambda in {@code RunContinuation}; the Quarkiverse extensions
 * for these services are not available to this build).
 *
 * <p>Those clients are built the way the Quarkus amazon-services extensions build theirs: on the URL-connection
 * HTTP client passed explicitly (no {@code ServiceLoader} lookup of an HTTP implementation), with the region and
 * credential chains of the SDK, whose own native-image metadata (sdk-core, aws-core, url-connection-client) covers
 * the rest. The three service jars carry no interceptor files or other resources. What the SDK still instantiates
 * by reflection for every client is registered here, the same classes quarkus-amazon-common registers for the
 * DynamoDB and S3 extensions' clients, so that these clients do not depend on those extensions staying in the build.
 *
 * <p>Not verified by a native build on the machines this was written on (no GraalVM): see the README, "Native
 * image".
 */
@RegisterForReflection(classNames = {
        "software.amazon.awssdk.core.retry.backoff.FullJitterBackoffStrategy",
        "software.amazon.awssdk.utils.cache.CachedSupplier",
        "software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService",
})
final class AwsSdkNativeImage {
    private AwsSdkNativeImage() {
    }
}
