package io.airsync.testing.airtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official Airtable.js client (npm "airtable", infra/node) against the emulator: runs
 * {@code infra/node/airtablejs-scenario.mjs}, which asserts every answer itself, and checks from the emulator's side
 * what the client sent. Needs {@code node} on PATH and {@code npm ci} done in infra/node; fails (does not skip) when
 * either is missing.
 */
class AirtableJsScenarioTest {
    static final String BASE = "appAirtableJsTest1";

    @Test
    void officialClientWorksAgainstTheEmulator() throws Exception {
        Path project = Path.of(System.getProperty("user.dir"));
        Path script = project.resolve("infra/node/airtablejs-scenario.mjs");
        assertTrue(Files.isRegularFile(script), "missing " + script);
        assertTrue(Files.isDirectory(project.resolve("infra/node/node_modules/airtable")),
                "Airtable.js is not installed: run `npm ci` in infra/node");

        try (AirtableEmulator airtable = AirtableEmulator.start(new EmulatorOptions().requestsPerSecond(0))) {
            airtable.addBase(BASE, AirtableEmulatorBehaviourTest.schema());

            // CRUD part, no rate limit.
            run(project, script, airtable, "crud");
            List<LoggedRequest> log = airtable.requests();
            assertTrue(log.stream().anyMatch(r -> r.method().equals("PATCH") && r.body().contains("\"performUpsert\"")
                    && r.body().contains("\"fieldsToMergeOn\"")), "Airtable.js sent performUpsert in a PATCH body");
            assertTrue(log.stream().anyMatch(r -> r.method().equals("PUT") && r.status() == 200), "replace() sent a PUT");
            assertTrue(log.stream().anyMatch(r -> r.status() == 422), "the unknown-field call got a 422");
            assertTrue(log.stream().anyMatch(r -> r.method().equals("GET") && r.query().contains("offset=")), "eachPage sent an offset");
            assertTrue(airtable.records(BASE, "Users").isEmpty(), "the scenario cleaned up after itself");

            // Burst part: Airtable's real limit (5/s) with a short penalty; Airtable.js must retry through the 429s.
            for (int i = 0; i < 3; i++) {
                airtable.putRecord(BASE, "Users", Map.of("Name", "burst " + i));
            }
            airtable.options().requestsPerSecond(5).penalty(Duration.ofMillis(500));
            airtable.resetRateLimits();
            airtable.clearRequests();
            run(project, script, airtable, "burst");
            List<LoggedRequest> burst = airtable.requests();
            long refused = burst.stream().filter(r -> r.status() == 429).count();
            long served = burst.stream().filter(r -> r.status() == 200).count();
            assertTrue(refused >= 7, "12 concurrent requests at 5/s: at least 7 were refused with 429, got " + refused);
            assertEquals(12, served, "each of the 12 selects finally succeeded once");
        }
    }

    private static void run(Path project, Path script, AirtableEmulator airtable, String part) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), part)
                .directory(project.resolve("infra/node").toFile())
                .redirectErrorStream(true);
        pb.environment().put("AIRTABLE_ENDPOINT_URL", airtable.url());
        pb.environment().put("AIRTABLE_BASE_ID", BASE);
        pb.environment().put("AIRTABLE_TOKEN", airtable.options().token());
        pb.environment().put("AIRTABLE_TABLE", "Users");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            fail("cannot run `node` (Node.js 20 must be on PATH): " + e.getMessage());
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            } catch (IOException ignored) {
                // process ended
            }
        });
        reader.start();
        boolean finished = process.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        reader.join(5_000);
        String text = output.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        if (!finished) {
            fail("airtablejs-scenario " + part + " did not finish within 90 s; output:\n" + text);
        }
        assertEquals(0, process.exitValue(), "airtablejs-scenario " + part + " failed; output:\n" + text);
    }
}
