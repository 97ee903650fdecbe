package io.airsync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.testing.aws.S3rver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

class S3ReportStoreTest {

    private static final String BUCKET = "airsync-reports";
    private static S3rver s3rver;
    private static S3Client client;

    @BeforeAll
    static void start() {
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        client = s3rver.client();
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
    void storesTheDatedReportAndSummaryAndLatest() {
        S3ReportStore store = new S3ReportStore(() -> client, BUCKET, "reports/");
        store.verifyAccess();
        Instant startedAt = Instant.parse("2024-05-01T10:02:03.456Z");
        String markdown = "# Airsync run r-1\n\nÉvénements ✓\n";

        ReportStore.StoredReport stored = store.store("r-1", startedAt, markdown, "{\"runId\":\"r-1\"}");

        String base = "reports/2024/05/01/20240501T100203Z-r-1";
        assertEquals("s3://" + BUCKET + "/" + base + ".md", stored.reportUri());
        assertEquals("s3://" + BUCKET + "/" + base + ".json", stored.summaryUri());
        assertEquals(stored, store.locate("r-1", startedAt));
        assertObject(base + ".md", markdown, "text/markdown; charset=utf-8");
        assertObject(base + ".json", "{\"runId\":\"r-1\"}", "application/json");
        assertObject("reports/latest.md", markdown, "text/markdown; charset=utf-8");
        assertObject("reports/latest.json", "{\"runId\":\"r-1\"}", "application/json");

        store.store("r-2", startedAt.plusSeconds(3600), "# second\n", "{\"runId\":\"r-2\"}");
        assertObject("reports/latest.md", "# second\n", "text/markdown; charset=utf-8");
        assertObject(base + ".md", markdown, "text/markdown; charset=utf-8");
    }

    @Test
    void storesTheProblemsFileBesideTheSummary() throws Exception {
        S3ReportStore store = new S3ReportStore(() -> client, BUCKET, "reports/");
        java.nio.file.Path lines = java.nio.file.Files.createTempFile("problems", ".jsonl");
        String content = "{\"table\":\"Users\",\"type\":\"CONVERSION\"}\n".repeat(3);
        java.nio.file.Files.writeString(lines, content);
        try {
            String uri = store.storeProblems("r-1", Instant.parse("2024-05-01T10:02:03Z"), lines);
            String key = "reports/2024/05/01/20240501T100203Z-r-1.problems.jsonl";
            assertEquals("s3://" + BUCKET + "/" + key, uri);
            assertObject(key, content, "application/x-ndjson");
        } finally {
            java.nio.file.Files.delete(lines);
        }
    }

    @Test
    void aMissingBucketIsNamedWithTheAwsError() {
        S3ReportStore store = new S3ReportStore(() -> client, "no-such-bucket", "reports/");

        ReportStoreException check = assertThrows(ReportStoreException.class, store::verifyAccess);
        assertTrue(check.getMessage().contains("'no-such-bucket'"), check.getMessage());
        assertTrue(check.getMessage().contains("404"), check.getMessage());

        ReportStoreException write = assertThrows(ReportStoreException.class,
                () -> store.store("r-1", Instant.parse("2024-05-01T10:00:00Z"), "x", "{}"));
        assertTrue(write.getMessage().contains("s3://no-such-bucket/reports/2024/05/01/"), write.getMessage());
        assertTrue(write.getMessage().contains("NoSuchBucket"), write.getMessage());
    }

    private static void assertObject(String key, String content, String contentType) {
        ResponseBytes<GetObjectResponse> object = client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        assertEquals(content, object.asString(StandardCharsets.UTF_8), key);
        assertEquals(contentType, object.response().contentType(), key);
    }
}
