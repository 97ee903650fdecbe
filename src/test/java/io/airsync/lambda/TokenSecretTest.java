package io.airsync.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.lambda.FunctionInvoker.Invocation;
import io.airsync.testing.LogCapture;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.AirtableEmulatorResource;
import io.airsync.testing.aws.AwsJsonTestDouble;
import io.airsync.testing.aws.AwsJsonTestDouble.Response;
import io.airsync.testing.aws.SecretsManagerDoubleResource;
import io.airsync.testing.local.LocalDirResource;
import io.airsync.testing.mongo.MongoWireResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Airtable token as Lambda gets it: from Secrets Manager ({@code airsync.airtable.token-secret}), here a test double
 * of its JSON API. A missing secret fails the run at its start, naming the secret and never a value; once the secret
 * exists the run uses it, and its value shows up in no log line, summary or report.
 */
@QuarkusTest
@TestProfile(TokenSecretTest.DebugLogging.class)
@WithTestResource(value = AirtableEmulatorResource.class,
        initArgs = @ResourceArg(name = AirtableEmulatorResource.CONFIGURE_TOKEN, value = "false"))
@WithTestResource(value = MongoWireResource.class,
        initArgs = @ResourceArg(name = MongoWireResource.DEMO_USERS, value = "10"))
@WithTestResource(SecretsManagerDoubleResource.class)
@WithTestResource(LocalDirResource.class)
class TokenSecretTest {

    static final String TOKEN = AirtableEmulatorResource.TOKEN;

    /** Our code and the SDK's request log at DEBUG: a leak at any level shows. */
    public static class DebugLogging implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.category.\"io.airsync\".level", "DEBUG",
                    "quarkus.log.category.\"software.amazon.awssdk.request\".level", "DEBUG");
        }
    }

    @Test
    void aMissingSecretFailsTheRunNamingItThenTheCreatedSecretIsUsedAndItsValueNeverShows() throws IOException {
        AirtableEmulator airtable = AirtableEmulatorResource.emulator();
        AwsJsonTestDouble secrets = SecretsManagerDoubleResource.secrets();
        secrets.on(SecretsManagerDoubleResource.GET_SECRET_VALUE, body -> Response.error(400,
                "ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
        List<String> responses = new ArrayList<>();
        List<String> lines;
        try (LogCapture logs = LogCapture.start()) {
            Invocation missing = FunctionInvoker.invoke("{}");
            responses.add(missing.body());
            JsonPath failed = missing.summary();
            assertEquals("failed", failed.getString("status"), missing.body());
            String error = failed.getString("error");
            assertTrue(error.contains(SecretsManagerDoubleResource.SECRET_NAME), error);
            assertTrue(error.contains("airsync.airtable.token-secret"), error);
            assertTrue(error.contains("ResourceNotFoundException"), error);
            assertEquals(List.of(), airtable.requests(), "no request to Airtable without a token");
            assertTrue(secrets.requests().get(0).body().contains(SecretsManagerDoubleResource.SECRET_NAME));
            assertFalse(secrets.requests().get(0).authorization() == null, "the SDK signed its request");

            // The operator creates the secret (a JSON object, as the console does); the next run reads and uses it.
            secrets.on(SecretsManagerDoubleResource.GET_SECRET_VALUE,
                    body -> SecretsManagerDoubleResource.secretString("{\"token\":\"" + TOKEN + "\"}"));
            Invocation created = FunctionInvoker.invoke("{}");
            responses.add(created.body());
            assertEquals("succeeded", created.summary().getString("status"), created.body());
            assertTrue(airtable.requests().stream().allMatch(r -> r.status() == 200), "the token from the secret works");
            lines = logs.lines();
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("ResourceNotFoundException")), "the capture saw the failure");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("DEBUG") || l.startsWith("FINE")), "the capture saw DEBUG lines");
        String tail = TOKEN.substring(TOKEN.length() - 12);
        assertEquals(List.of(), lines.stream().filter(l -> l.contains(tail)).toList(), "the token in a log line");
        for (String response : responses) {
            assertFalse(response.contains(tail), response);
        }
        try (Stream<Path> files = Files.walk(LocalDirResource.dir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(tail), "the token in " + file);
            }
        }
    }
}
