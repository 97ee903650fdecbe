package io.airsync.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.lambda.FunctionInvoker.Invocation;
import io.airsync.testing.airtable.AirtableEmulatorResource;
import io.airsync.testing.aws.AwsStackProbe;
import io.airsync.testing.aws.DynaliteResource;
import io.airsync.testing.mongo.MongoWireResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * S3 cannot be reached: the run stops before taking the lock or touching Airtable (its result could not be reported),
 * saying which bucket; DynamoDB, which works, is left as it was.
 */
@QuarkusTest
@TestProfile(ReportStoreUnavailableTest.S3OnAClosedPort.class)
@WithTestResource(AirtableEmulatorResource.class)
@WithTestResource(MongoWireResource.class)
@WithTestResource(DynaliteResource.class)
class ReportStoreUnavailableTest {

    static final String BUCKET = "airsync-reports-unreachable";

    public static class S3OnAClosedPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("airsync.report.bucket", BUCKET,
                    "quarkus.s3.endpoint-override", ClosedPort.endpoint(),
                    "quarkus.s3.aws.region", "us-east-1",
                    "quarkus.s3.aws.credentials.type", "static",
                    "quarkus.s3.aws.credentials.static-provider.access-key-id", "test",
                    "quarkus.s3.aws.credentials.static-provider.secret-access-key", "test");
        }
    }

    @Inject
    DynamoDbClient dynamo;

    @Test
    void theRunFailsAtOnceNamingTheBucketAndSendsNothingToAirtable() {
        Invocation run = FunctionInvoker.invoke("{}");
        JsonPath summary = run.summary();
        assertEquals("failed", summary.getString("status"), run.body());
        String error = summary.getString("error");
        assertTrue(error.startsWith("run not started"), error);
        assertTrue(error.contains(BUCKET), error);
        assertNull(summary.getString("reportUri"));
        assertEquals(List.of(), AirtableEmulatorResource.emulator().requests());
        AwsStackProbe probe = new AwsStackProbe(dynamo, DynaliteResource.STATE_TABLE, null, null);
        assertEquals(List.of(), probe.stateItems(), "no lock, state or checkpoint written");
    }
}
