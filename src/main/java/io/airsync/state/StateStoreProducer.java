package io.airsync.state;

import io.airsync.config.AirsyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Chooses the state store: DynamoDB when {@code airsync.state.table} is set, else files under
 * {@code <airsync.local.dir>/state}. The DynamoDB client is looked up only on first use, so a local run needs no AWS.
 */
@Singleton
public class StateStoreProducer {

    @Produces
    @ApplicationScoped
    StateStore stateStore(AirsyncConfig config, Instance<DynamoDbClient> dynamoDb) {
        return create(config, dynamoDb::get);
    }

    public static StateStore create(AirsyncConfig config, Supplier<DynamoDbClient> dynamoDb) {
        return config.state().table()
                .map(String::strip)
                .filter(table -> !table.isEmpty())
                .<StateStore>map(table -> new DynamoDbStateStore(dynamoDb, table))
                .orElseGet(() -> new FileStateStore(config.local().dir().resolve("state")));
    }
}
