package io.airsync.state;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Request counts in the state table: item {@code pk = requests#<baseId>}, {@code sk = month#2026-12}, attribute
 * {@code requests} N, added to with one atomic {@code UpdateItem ... ADD} per run (two runs can never lose a count).
 * The item expires (TTL) 400 days after its month began.
 */
public final class DynamoDbRequestCountStore implements RequestCountStore {
    private static final String REQUESTS = "requests";
    private static final long KEEP_DAYS = 400;

    private final Supplier<DynamoDbClient> client;
    private final String tableName;

    public DynamoDbRequestCountStore(Supplier<DynamoDbClient> client, String tableName) {
        this.client = Objects.requireNonNull(client);
        this.tableName = Objects.requireNonNull(tableName);
    }

    @Override
    public long add(String baseId, YearMonth month, long requests) {
        long expires = month.atDay(1).atStartOfDay(ZoneOffset.UTC).plusDays(KEEP_DAYS).toEpochSecond();
        try {
            Map<String, AttributeValue> after = client.get().updateItem(b -> b.tableName(tableName).key(key(baseId, month))
                    .updateExpression("ADD #r :n SET #e = :e")
                    .expressionAttributeNames(Map.of("#r", REQUESTS, "#e", DynamoDbStateStore.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":n", number(requests), ":e", number(expires)))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            return Long.parseLong(after.get(REQUESTS).n());
        } catch (SdkException e) {
            throw new StateStoreException("DynamoDB state table '" + tableName + "': counting Airtable requests failed ("
                    + e.getMessage() + ")", e);
        }
    }

    @Override
    public long monthToDate(String baseId, YearMonth month) {
        try {
            GetItemResponse r = client.get().getItem(b -> b.tableName(tableName).key(key(baseId, month)).consistentRead(true));
            AttributeValue v = r.hasItem() ? r.item().get(REQUESTS) : null;
            return v == null ? 0 : Long.parseLong(v.n());
        } catch (SdkException e) {
            throw new StateStoreException("DynamoDB state table '" + tableName + "': reading the Airtable request count"
                    + " failed (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String describe() {
        return "DynamoDB table " + tableName;
    }

    private static Map<String, AttributeValue> key(String baseId, YearMonth month) {
        return Map.of(DynamoDbStateStore.PK, AttributeValue.fromS("requests#" + baseId),
                DynamoDbStateStore.SK, AttributeValue.fromS("month#" + month));
    }

    private static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }
}
