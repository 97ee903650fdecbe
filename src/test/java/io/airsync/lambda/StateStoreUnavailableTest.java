package io.airsync.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.lambda.FunctionInvoker.Invocation;
import io.airsync.testing.airtable.AirtableEmulatorResource;
import io.airsync.testing.local.LocalDirResource;
import io.airsync.testing.mongo.MongoWireResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** DynamoDB cannot be reached: the run stops before anything else, saying so, and Airtable never hears of it. */
@QuarkusTest
@TestProfile(StateStoreUnavailableTest.DynamoDbOnAClosedPort.class)
@WithTestResource(AirtableEmulatorResource.class)
@WithTestResource(MongoWireResource.class)
@WithTestResource(LocalDirResource.class)
class StateStoreUnavailableTest {

    static final String TABLE = "airsync-state-unreachable";

    public static class DynamoDbOnAClosedPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("airsync.state.table", TABLE,
                    "quarkus.dynamodb.endpoint-override", ClosedPort.endpoint(),
                    "quarkus.dynamodb.aws.region", "us-east-1",
                    "quarkus.dynamodb.aws.credentials.type", "static",
                    "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test",
                    "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test");
        }
    }

    @Test
    void theRunFailsAtOnceNamingTheTableAndSendsNothingToAirtable() throws Exception {
        Invocation run = FunctionInvoker.invoke("{}");
        JsonPath summary = run.summary();
        assertEquals("failed", summary.getString("status"), run.body());
        String error = summary.getString("error");
        assertTrue(error.startsWith("run not started"), error);
        assertTrue(error.contains(TABLE), error);
        assertEquals(List.of(), summary.getList("tables"));
        assertEquals(List.of(), AirtableEmulatorResource.emulator().requests());
        try (Stream<java.nio.file.Path> files = Files.walk(LocalDirResource.dir())) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList(), "no report written anywhere else");
        }
    }
}
