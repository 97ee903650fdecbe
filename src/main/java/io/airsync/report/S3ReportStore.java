package io.airsync.report;

import io.airsync.aws.AwsErrors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Reports in S3: the dated objects first, then {@code latest.md} / {@code latest.json}. */
public class S3ReportStore implements ReportStore {

    static final String MARKDOWN = "text/markdown; charset=utf-8";
    static final String JSON = "application/json";
    static final String JSON_LINES = "application/x-ndjson";

    private final Supplier<S3Client> clientSupplier;
    private volatile S3Client client;
    private final String bucket;
    private final ReportKeys keys;

    /** @param client called once, on first use, so that building the store needs no AWS configuration */
    public S3ReportStore(Supplier<S3Client> client, String bucket, String prefix) {
        this.clientSupplier = Objects.requireNonNull(client);
        this.bucket = Objects.requireNonNull(bucket);
        this.keys = new ReportKeys(prefix);
    }

    @Override
    public void verifyAccess() {
        try {
            client().headBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            throw new ReportStoreException("Cannot reach the report bucket '" + bucket + "' ("
                    + AwsErrors.describe(e) + ")", e);
        }
    }

    @Override
    public StoredReport store(String runId, Instant startedAt, String markdown, String summaryJson) {
        String reportKey = keys.datedReport(runId, startedAt);
        String summaryKey = keys.datedSummary(runId, startedAt);
        put(reportKey, markdown, MARKDOWN);
        put(summaryKey, summaryJson, JSON);
        put(keys.latestReport(), markdown, MARKDOWN);
        put(keys.latestSummary(), summaryJson, JSON);
        return new StoredReport(uri(reportKey), uri(summaryKey));
    }

    @Override
    public StoredReport locate(String runId, Instant startedAt) {
        return new StoredReport(uri(keys.datedReport(runId, startedAt)), uri(keys.datedSummary(runId, startedAt)));
    }

    @Override
    public String storeProblems(String runId, Instant startedAt, java.nio.file.Path jsonLines) {
        String key = keys.datedProblems(runId, startedAt);
        try {
            client().putObject(b -> b.bucket(bucket).key(key).contentType(JSON_LINES), RequestBody.fromFile(jsonLines));
        } catch (SdkException e) {
            throw new ReportStoreException("Cannot write the problems file " + uri(key) + " (" + AwsErrors.describe(e)
                    + ")", e);
        }
        return uri(key);
    }

    public String bucket() {
        return bucket;
    }

    private void put(String key, String content, String contentType) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            client().putObject(b -> b.bucket(bucket).key(key).contentType(contentType).contentLength((long) bytes.length),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new ReportStoreException("Cannot write the report " + uri(key) + " (" + AwsErrors.describe(e) + ")", e);
        }
    }

    private String uri(String key) {
        return "s3://" + bucket + "/" + key;
    }

    private S3Client client() {
        S3Client c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = Objects.requireNonNull(clientSupplier.get(), "S3Client");
                    client = c;
                }
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return "S3ReportStore[s3://" + bucket + "/" + keys.prefix() + "]";
    }
}
