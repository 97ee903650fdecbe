package io.airsync.testing.aws;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts dynalite for a {@code @QuarkusTest}, creates the state table and points the Quarkus DynamoDB client and
 * {@code airsync.state.table} at it. Use with {@code @QuarkusTestResource(DynaliteResource.class)}.
 */
public class DynaliteResource implements QuarkusTestResourceLifecycleManager {

    public static final String STATE_TABLE = "airsync-state-test";

    private Dynalite dynalite;

    @Override
    public Map<String, String> start() {
        dynalite = Dynalite.start();
        dynalite.createStateTable(STATE_TABLE);
        return Map.of(
                "quarkus.dynamodb.endpoint-override", dynalite.endpoint().toString(),
                "quarkus.dynamodb.aws.region", Dynalite.REGION,
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", Dynalite.ACCESS_KEY,
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", Dynalite.SECRET_KEY,
                "airsync.state.table", STATE_TABLE);
    }

    @Override
    public void stop() {
        if (dynalite != null) {
            dynalite.close();
        }
    }

    /** The running dynalite, for tests that want their own client. */
    public Dynalite dynalite() {
        return dynalite;
    }
}
