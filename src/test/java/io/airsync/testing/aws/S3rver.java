package io.airsync.testing.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * s3rver (a file-backed S3) on a free loopback port, data in a temporary folder removed on close; for plain JUnit
 * tests, the benchmark and the local AWS-emulated run. Keys S3RVER/S3RVER, path-style, no chunked encoding.
 */
public final class S3rver implements AutoCloseable {

    public static final String REGION = "us-east-1";
    /** s3rver's fixed credentials (not a secret). */
    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";

    private final NodeTool tool;
    private final Path directory;

    private S3rver(NodeTool tool, Path directory) {
        this.tool = tool;
        this.directory = directory;
    }

    public static S3rver start() {
        Path directory;
        try {
            directory = Files.createTempDirectory("s3rver-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new S3rver(NodeTool.start("s3rver", "s3rver/bin/s3rver.js", List.of(
                "--directory", directory.toString(), "--address", "127.0.0.1", "--port", "{port}", "--silent",
                "--no-vhost-buckets")), directory);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + tool.port());
    }

    /**
     * A client for this s3rver. s3rver predates the SDK's default CRC checksums and aws-chunked uploads:
     * {@code checksumValidationEnabled(false)} limits checksums to what S3 requires (the SDK's WHEN_REQUIRED), as
     * {@code quarkus.s3.checksum-validation=false} does for the Quarkus client.
     */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .forcePathStyle(true)
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false).checksumValidationEnabled(false))
                .build();
    }

    public void createBucket(String bucket) {
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void close() {
        tool.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder
        }
    }
}
