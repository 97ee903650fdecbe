package io.airsync.state;

import io.airsync.config.AirsyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Request counts live where the state lives: the DynamoDB state table, else {@code <airsync.local.dir>/state}. */
@Singleton
public class RequestCountStoreProducer {

    @Produces
    @ApplicationScoped
    RequestCountStore requestCountStore(AirsyncConfig config, Instance<DynamoDbClient> dynamoDb) {
        return create(config, dynamoDb::get);
    }

    public static RequestCountStore create(AirsyncConfig config, Supplier<DynamoDbClient> dynamoDb) {
        return config.state().table()
                .map(String::strip)
                .filter(table -> !table.isEmpty())
                .<RequestCountStore>map(table -> new DynamoDbRequestCountStore(dynamoDb, table))
                .orElseGet(() -> new FileRequestCountStore(config.local().dir().resolve("state")));
    }
}
