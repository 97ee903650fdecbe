package io.airsync.testing.reliability;

import io.airsync.testing.aws.Dynalite;
import io.airsync.testing.aws.S3rver;
import io.airsync.testing.net.SwitchableTcpProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * State in DynamoDB (dynalite) and reports in S3 (s3rver), each reached by Airsync through a proxy a test can cut,
 * so "DynamoDB unavailable" and "S3 unavailable" are real network failures of the real clients. Use with
 * {@link ReliabilityStack} (MongoDB and Airtable). The SDK clients retry little and time out soon, as a Lambda's
 * should when its time is counted.
 */
public class ProxiedAwsStack implements QuarkusTestResourceLifecycleManager {

    public static final String STATE_TABLE = "airsync-state-reliability";
    public static final String BUCKET = "airsync-reports-reliability";

    private static volatile Dynalite dynalite;
    private static volatile S3rver s3rver;
    private static volatile SwitchableTcpProxy dynamoProxy;
    private static volatile SwitchableTcpProxy s3Proxy;
    private static volatile DynamoDbClient dynamoClient;
    private static volatile S3Client s3Client;

    @Override
    public Map<String, String> start() {
        dynalite = Dynalite.start();
        dynalite.createStateTable(STATE_TABLE);
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        dynamoProxy = SwitchableTcpProxy.to(dynalite.endpoint().getPort());
        s3Proxy = SwitchableTcpProxy.to(s3rver.endpoint().getPort());
        dynamoClient = dynalite.client();
        s3Client = s3rver.client();

        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.dynamodb.endpoint-override", "http://127.0.0.1:" + dynamoProxy.port());
        config.put("quarkus.dynamodb.aws.region", Dynalite.REGION);
        config.put("quarkus.dynamodb.aws.credentials.type", "static");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", Dynalite.ACCESS_KEY);
        config.put("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", Dynalite.SECRET_KEY);
        config.put("airsync.state.table", STATE_TABLE);
        config.put("quarkus.s3.endpoint-override", "http://127.0.0.1:" + s3Proxy.port());
        config.put("quarkus.s3.aws.region", S3rver.REGION);
        config.put("quarkus.s3.aws.credentials.type", "static");
        config.put("quarkus.s3.aws.credentials.static-provider.access-key-id", S3rver.ACCESS_KEY);
        config.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", S3rver.SECRET_KEY);
        config.put("quarkus.s3.path-style-access", "true");
        config.put("quarkus.s3.chunked-encoding", "false");
        config.put("quarkus.s3.checksum-validation", "false");
        config.put("airsync.report.bucket", BUCKET);
        return config;
    }

    @Override
    public void stop() {
        for (AutoCloseable c : new AutoCloseable[] {dynamoClient, s3Client, dynamoProxy, s3Proxy, dynalite, s3rver}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    public static SwitchableTcpProxy dynamoProxy() {
        return dynamoProxy;
    }

    public static SwitchableTcpProxy s3Proxy() {
        return s3Proxy;
    }

    /** A client straight to dynalite (not through the proxy), for the test's own reads and writes. */
    public static DynamoDbClient dynamo() {
        return dynamoClient;
    }

    /** A client straight to s3rver (not through the proxy). */
    public static S3Client s3() {
        return s3Client;
    }

    /** Removes every item of the state table and every object of the bucket. */
    public static void wipe() {
        dynamoClient.scanPaginator(b -> b.tableName(STATE_TABLE)).items().forEach(item -> dynamoClient.deleteItem(
                b -> b.tableName(STATE_TABLE).key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))));
        s3Client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().forEach(o -> s3Client.deleteObject(
                b -> b.bucket(BUCKET).key(o.key())));
    }

    /** Both proxies forward again. */
    public static void restore() {
        dynamoProxy.restore();
        s3Proxy.restore();
    }
}
