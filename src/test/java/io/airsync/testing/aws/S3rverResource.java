package io.airsync.testing.aws;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts s3rver for a {@code @QuarkusTest}, creates the report bucket and points the Quarkus S3 client and
 * {@code airsync.report.bucket} at it. Use with {@code @QuarkusTestResource(S3rverResource.class)}.
 *
 * <p>s3rver does not understand the SDK's default upload checksums (CRC32 in an aws-chunked trailer):
 * {@code quarkus.s3.checksum-validation=false} makes the SDK compute checksums only where S3 requires them, and
 * {@code quarkus.s3.chunked-encoding=false} sends plain bodies.
 */
public class S3rverResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET = "airsync-reports-test";

    private S3rver s3rver;

    @Override
    public Map<String, String> start() {
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        return Map.of(
                "quarkus.s3.endpoint-override", s3rver.endpoint().toString(),
                "quarkus.s3.aws.region", S3rver.REGION,
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", S3rver.ACCESS_KEY,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", S3rver.SECRET_KEY,
                "quarkus.s3.path-style-access", "true",
                "quarkus.s3.chunked-encoding", "false",
                "quarkus.s3.checksum-validation", "false",
                "airsync.report.bucket", BUCKET);
    }

    @Override
    public void stop() {
        if (s3rver != null) {
            s3rver.close();
        }
    }
}
