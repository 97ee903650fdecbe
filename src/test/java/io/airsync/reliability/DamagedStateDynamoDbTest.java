package io.airsync.reliability;

import io.airsync.testing.reliability.ProxiedAwsStack;
import io.airsync.testing.reliability.ReliabilityStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link DamagedStateTestBase} with state in DynamoDB (dynalite): a damaged chunk of the current generation. */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
@WithTestResource(ProxiedAwsStack.class)
class DamagedStateDynamoDbTest extends DamagedStateTestBase {

    @Override
    void resetStore() {
        ProxiedAwsStack.restore();
        ProxiedAwsStack.wipe();
    }

    @Override
    void damage(String table, Damage damage) {
        var dynamo = ProxiedAwsStack.dynamo();
        String pk = "table#" + table;
        Map<String, AttributeValue> manifest = dynamo.getItem(b -> b.tableName(ProxiedAwsStack.STATE_TABLE)
                .consistentRead(true).key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("manifest"))))
                .item();
        String sk = "chunk#" + manifest.get("generation").s() + "#000000";
        Map<String, AttributeValue> chunk = new HashMap<>(dynamo.getItem(b -> b.tableName(ProxiedAwsStack.STATE_TABLE)
                .consistentRead(true).key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))))
                .item());
        chunk.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(damaged(chunk.get("data").b().asByteArray(), damage))));
        dynamo.putItem(b -> b.tableName(ProxiedAwsStack.STATE_TABLE).item(chunk));
    }

    @Override
    void putRawCheckpoint(String json) {
        ProxiedAwsStack.dynamo().putItem(b -> b.tableName(ProxiedAwsStack.STATE_TABLE).item(Map.of(
                "pk", AttributeValue.fromS("run"), "sk", AttributeValue.fromS("checkpoint"),
                "checkpoint", AttributeValue.fromS(json))));
    }

    @Override
    String report(JsonPath run) {
        URI uri = URI.create(run.getString("reportUri"));
        return ProxiedAwsStack.s3().getObjectAsBytes(b -> b.bucket(uri.getHost()).key(uri.getPath().substring(1)))
                .asString(StandardCharsets.UTF_8).replace("\\", "");
    }
}
