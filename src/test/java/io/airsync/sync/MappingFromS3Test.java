package io.airsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.airsync.mapping.MappingException;
import io.airsync.testing.aws.S3rver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A mapping kept in S3 ({@code airsync.mapping.location=s3://...}), read through the real SDK from s3rver: it loads;
 * a missing object or bucket, an object that is not a valid mapping, S3 unreachable and S3 refusing the read (what
 * IAM or KMS answer: 403 AccessDenied) each give a MappingException that names the location, the S3 error and the
 * likely fix. The handler turns any MappingException into a failed invocation with the failure metric
 * (BrokenMappingTest, PackagedHandlerIT).
 */
class MappingFromS3Test {

    private static final String BUCKET = "airsync-config";
    private static S3rver s3rver;
    private static S3Client client;

    @BeforeAll
    static void start() throws IOException {
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        client = s3rver.client();
        client.putObject(b -> b.bucket(BUCKET).key("mapping.yaml"), RequestBody.fromString(
                Files.readString(Path.of("src/main/resources/mapping/default-mapping.yaml")), StandardCharsets.UTF_8));
        client.putObject(b -> b.bucket(BUCKET).key("broken.yaml"),
                RequestBody.fromString("tables:\n  - name: Users\n    source: { collection: users\n", StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (s3rver != null) {
            s3rver.close();
        }
    }

    @Test
    void aMappingInS3Loads() {
        MappingProvider provider = new MappingProvider("s3://" + BUCKET + "/mapping.yaml", () -> client);
        assertEquals(3, provider.mapping().tables().size());
    }

    @Test
    void aMissingObjectNamesTheLocationAndTheSetting() {
        MappingException e = failure("s3://" + BUCKET + "/nope.yaml", client);
        assertTrue(e.getMessage().startsWith("s3://" + BUCKET + "/nope.yaml: the mapping could not be read from S3"), e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchKey, HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("check airsync.mapping.location"), e.getMessage());
    }

    @Test
    void aMissingBucketSaysSo() {
        MappingException e = failure("s3://no-such-bucket/mapping.yaml", client);
        assertTrue(e.getMessage().contains("NoSuchBucket, HTTP 404"), e.getMessage());
    }

    @Test
    void anObjectThatIsNotAValidMappingNamesTheLocation() {
        MappingException e = failure("s3://" + BUCKET + "/broken.yaml", client);
        assertTrue(e.getMessage().contains("s3://" + BUCKET + "/broken.yaml"), e.getMessage());
    }

    @Test
    void s3UnreachableSaysSo() {
        try (S3Client unreachable = clientFor(URI.create("http://127.0.0.1:" + closedPort()))) {
            MappingException e = failure("s3://" + BUCKET + "/mapping.yaml", unreachable);
            assertTrue(e.getMessage().endsWith("; S3 could not be reached"), e.getMessage());
        }
    }

    /** S3 answers a read the role or the bucket's KMS key does not allow with 403 AccessDenied (its documented body). */
    @Test
    void aReadRefusedByIamOrKmsNamesThePermissionsNeeded() throws IOException {
        HttpServer denying = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        denying.createContext("/", exchange -> {
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                    + "<Message>Access Denied</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(403, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
            if (!exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        denying.start();
        try (S3Client denied = clientFor(URI.create("http://127.0.0.1:" + denying.getAddress().getPort()))) {
            MappingException e = failure("s3://" + BUCKET + "/mapping.yaml", denied);
            assertTrue(e.getMessage().contains("AccessDenied, HTTP 403: Access Denied"), e.getMessage());
            assertTrue(e.getMessage().contains("s3:GetObject") && e.getMessage().contains("kms:Decrypt"), e.getMessage());
        } finally {
            denying.stop(0);
        }
    }

    private static MappingException failure(String location, S3Client s3) {
        return assertThrows(MappingException.class, () -> new MappingProvider(location, () -> s3).mapping());
    }

    private static S3Client clientFor(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(S3rver.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3rver.ACCESS_KEY, S3rver.SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .forcePathStyle(true)
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
