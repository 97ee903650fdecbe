package io.airsync.testing.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the function left in DynamoDB (dynalite) and S3 (s3rver), read with the test's own clients: every state item,
 * every report object, and a way to empty both between tests.
 */
public final class AwsStackProbe {

    private final DynamoDbClient dynamo;
    private final String stateTable;
    private final S3Client s3;
    private final String bucket;

    public AwsStackProbe(DynamoDbClient dynamo, String stateTable, S3Client s3, String bucket) {
        this.dynamo = dynamo;
        this.stateTable = stateTable;
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Every item of the state table, sorted by pk then sk. */
    public List<Map<String, AttributeValue>> stateItems() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(stateTable).consistentRead(true)).items().forEach(items::add);
        items.sort(Comparator.<Map<String, AttributeValue>, String>comparing(i -> i.get("pk").s())
                .thenComparing(i -> i.get("sk").s()));
        return items;
    }

    /** The state item {@code pk/sk}, or null. */
    public Map<String, AttributeValue> stateItem(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(stateTable).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    public void putStateItem(Map<String, AttributeValue> item) {
        dynamo.putItem(b -> b.tableName(stateTable).item(item));
    }

    /** Every report object: key to content. */
    public Map<String, String> reportObjects() {
        Map<String, String> objects = new TreeMap<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            objects.put(o.key(), readReport(o.key()));
        }
        return objects;
    }

    public String readReport(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }

    /** The key of an {@code s3://bucket/key} URI of this bucket. */
    public String keyOf(String s3Uri) {
        String prefix = "s3://" + bucket + "/";
        if (s3Uri == null || !s3Uri.startsWith(prefix)) {
            throw new AssertionError("not an object of bucket " + bucket + ": " + s3Uri);
        }
        return s3Uri.substring(prefix.length());
    }

    /** Deletes every state item and every report object. */
    public void clear() {
        for (Map<String, AttributeValue> item : stateItems()) {
            dynamo.deleteItem(b -> b.tableName(stateTable).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        }
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
            s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
        }
    }
}
