package io.airsync.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airsync.testing.events.SampleEvents;
import io.airsync.testing.lambda.LambdaInvocationException;
import io.airsync.testing.lambda.LambdaRuntimeApiEmulator;
import io.airsync.testing.lambda.PackagedFunction;
import io.airsync.testing.local.JavaRuntimeLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged function as Lambda runs it (JVM: under AWS's own Java runtime interface client, with the handler
 * Terraform configures, {@code QuarkusStreamHandler}; native: the bootstrap executable): refused payloads, malformed
 * JSON included, reach our stream handler and come back as {@code invalid} summaries, not as function errors; a
 * mapping that cannot load is a function error, which Lambda counts and sends to the failure destination. Needs
 * nothing but the package (neither case touches another service).
 *
 * <p>Runs with the integration tests in {@code ./mvnw verify} (failsafe, after the package is built), and against the
 * native executable in {@code ./mvnw verify -Dnative} (.github/workflows/native.yml).
 */
class PackagedHandlerIT {

    @Test
    void refusedPayloadsComeBackAsInvalidSummariesThroughQuarkusStreamHandler() throws Exception {
        List<String> command = PackagedFunction.command();
        Map<String, String> payloads = new LinkedHashMap<>(SampleEvents.invalid());
        payloads.put("huge", SampleEvents.hugePayload());
        ObjectMapper json = new ObjectMapper();
        try (LambdaRuntimeApiEmulator lambda = LambdaRuntimeApiEmulator.start()) {
            ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
            pb.environment().putAll(lambda.environment());
            Process function = pb.start();
            try {
                for (Map.Entry<String, String> payload : payloads.entrySet()) {
                    String response = JavaRuntimeLauncher.awaitResponse(function,
                            lambda.submit(payload.getValue(), Duration.ofMinutes(1)), Duration.ofMinutes(2));
                    JsonNode summary = json.readTree(response);
                    assertEquals("invalid", summary.path("status").asText(), payload.getKey() + ": " + response);
                    assertTrue(summary.path("error").asText().length() > 10, payload.getKey() + ": " + response);
                    assertTrue(response.length() < 1_000, payload.getKey() + " is not echoed");
                }
            } finally {
                function.destroy();
                if (!function.waitFor(10, TimeUnit.SECONDS)) {
                    function.destroyForcibly();
                }
            }
        }
    }

    @Test
    void aMappingThatCannotLoadFailsTheInvocation(@TempDir Path dir) throws Exception {
        List<String> command = PackagedFunction.command();
        Path mapping = dir.resolve("mapping.yaml");
        Files.writeString(mapping, "tables:\n  - name: Users\n    source: { collection: users }\n    keyField: Mongo ID\n"
                + "    fields:\n      - { airtable: Email, source: email, type: emial }\n");
        try (LambdaRuntimeApiEmulator lambda = LambdaRuntimeApiEmulator.start()) {
            ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
            pb.environment().putAll(lambda.environment());
            pb.environment().put("AIRSYNC_MAPPING_LOCATION", mapping.toString());
            pb.environment().put("AIRSYNC_LOCAL_DIR", dir.resolve("local").toString());
            Process function = pb.start();
            try {
                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> lambda.submit("{}", Duration.ofMinutes(1)).get(2, TimeUnit.MINUTES));
                LambdaInvocationException error = assertInstanceOf(LambdaInvocationException.class, failed.getCause());
                assertTrue(error.errorType().endsWith("UnusableConfigurationException"), error.getMessage());
                assertTrue(error.errorMessage().contains("unknown field type 'emial'"), error.getMessage());
                assertTrue(function.isAlive(), "the function stays up for the next invocation");
                assertFalse(Files.exists(dir.resolve("local")), "nothing was touched");
            } finally {
                function.destroy();
                if (!function.waitFor(10, TimeUnit.SECONDS)) {
                    function.destroyForcibly();
                }
            }
        }
    }
}
