package io.airsync.state;

import io.airsync.config.AirsyncConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Chooses where state lives: DynamoDB when {@code airsync.state.table} is set, else files under
 * {@code <airsync.local.dir>/state}; and exposes the table state, the checkpoint and the run lock as three beans. The
 * DynamoDB client is looked up only on first use, so a local run needs no AWS.
 */
@Singleton
public class StateStoreProducer {

    @Inject
    AirsyncConfig config;
    @Inject
    Instance<DynamoDbClient> dynamoDb;
    @Inject
    Clock clock;

    private volatile StateBackend backend;

    @Produces
    @ApplicationScoped
    TableStateStore tableStateStore() {
        return backend();
    }

    @Produces
    @ApplicationScoped
    CheckpointStore checkpointStore() {
        return backend();
    }

    @Produces
    @ApplicationScoped
    RunLockStore runLockStore() {
        return backend();
    }

    private synchronized StateBackend backend() {
        if (backend == null) {
            backend = create(config, dynamoDb::get, clock);
        }
        return backend;
    }

    public static StateBackend create(AirsyncConfig config, Supplier<DynamoDbClient> dynamoDb, Clock clock) {
        return config.state().table()
                .map(String::strip)
                .filter(table -> !table.isEmpty())
                .<StateBackend>map(table -> new DynamoDbStateStore(dynamoDb, table, clock, DynamoDbStateStore.DEFAULT_CHUNK_BYTES))
                .orElseGet(() -> new FileStateStore(config.local().dir().resolve("state"), clock));
    }
}
