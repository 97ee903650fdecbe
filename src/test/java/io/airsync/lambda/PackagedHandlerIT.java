package io.airsync.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airsync.testing.events.SampleEvents;
import io.airsync.testing.lambda.LambdaRuntimeApiEmulator;
import io.airsync.testing.local.JavaRuntimeLauncher;
import io.airsync.testing.local.RunnerJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged JVM function under AWS's own Java runtime interface client, with the handler Terraform configures
 * ({@code QuarkusStreamHandler}): refused payloads, malformed JSON included, reach our stream handler and come back as
 * {@code invalid} summaries, not as function errors. Needs nothing but the jar (refusals touch no other service).
 *
 * <p>Runs with the integration tests in {@code ./mvnw verify} (failsafe, after the package is built).
 * Fails when the build made no JVM runner jar ({@link RunnerJar}).
 */
class PackagedHandlerIT {


    @Test
    void refusedPayloadsComeBackAsInvalidSummariesThroughQuarkusStreamHandler() throws Exception {
        Path runner = RunnerJar.required();
        Map<String, String> payloads = new LinkedHashMap<>(SampleEvents.invalid());
        payloads.put("huge", SampleEvents.hugePayload());
        ObjectMapper json = new ObjectMapper();
        try (LambdaRuntimeApiEmulator lambda = LambdaRuntimeApiEmulator.start()) {
            ProcessBuilder pb = new ProcessBuilder(JavaRuntimeLauncher.command(runner)).inheritIO();
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
}
