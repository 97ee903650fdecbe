package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airsync.lambda.UnusableConfigurationException;
import io.airsync.sync.LambdaInvoker;
import io.airsync.testing.reliability.OutputCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The function configured with a broken mapping file ({@code AIRSYNC_MAPPING_LOCATION}): every invocation fails
 * (a function error, so Lambda's Errors alarm and the failure destination see it; not an {@code invalid} answer, which
 * is for refused payloads) with the file, the line, the table and the field in the error; it prints the failure
 * metric ({@code RunsNotSucceeded} = 1) and touches nothing (no MongoDB, Airtable, state or report is even configured
 * here). Fixing the file fixes the next invocation: a broken mapping is not cached.
 */
@QuarkusTest
@TestProfile(BrokenMappingTest.Profile.class)
class BrokenMappingTest {

    static final Path DIR = Path.of(System.getProperty("user.dir"), "target", "broken-mapping");
    static final Path FILE = DIR.resolve("mapping.yaml");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("airsync.mapping.location", FILE.toString(),
                    "airsync.local.dir", DIR.resolve("local").toString());
        }
    }

    static final String VALID = """
            tables:
              - name: Users
                source: { collection: users }
                keyField: Mongo ID
                fields:
                  - { airtable: Email, source: email, type: email }
                  - { airtable: Score, source: stats.score, type: number, precision: 2 }
              - name: Messages
                source: { collection: messages }
                keyField: Mongo ID
                fields:
                  - { airtable: Text, source: text, type: multilineText }
                  - { airtable: User, source: user_id, type: multipleRecordLinks, link: Users }
            """;

    @BeforeEach
    void noLeftovers() throws IOException {
        if (Files.exists(DIR)) {
            try (Stream<Path> files = Files.walk(DIR)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void eachBrokenMappingFailsTheInvocationNamingFileLineTableAndFieldUntilFixed() throws IOException {
        assertFailsNaming(VALID.replace("type: email", "type: emial"),
                "line 6: table 'Users', field 'Email': unknown field type 'emial'");
        assertFailsNaming(VALID.replace("airtable: Score", "airtable: EMAIL"),
                "line 7: table 'Users', field 'EMAIL': Airtable field 'EMAIL' is mapped twice");
        assertFailsNaming(VALID.replace("link: Users", "link: Accounts"),
                "line 13: table 'Messages', field 'User': links to table 'Accounts', which is not mapped");
        assertFailsNaming(VALID.replace("  - { airtable: Score, source: stats.score, type: number, precision: 2 }",
                        "  - { airtable: Last Message, source: last, type: multipleRecordLinks, link: Messages }"),
                "link cycle Users -> Messages -> Users (through table 'Users' field 'Last Message', table 'Messages' "
                        + "field 'User')");
        assertFailsNaming(VALID.replace("source: stats.score", "source: stats..score"), "table 'Users', field 'Score'");

        Files.deleteIfExists(FILE);
        String missing = failedInvocation("{}");
        assertTrue(missing.contains(FILE.toString()) && missing.contains("does not exist"), missing);

        // A payload that would be refused does not hide the broken mapping: the configuration is checked first.
        String refusedToo = failedInvocation("{\"dryrun\": true}");
        assertTrue(refusedToo.contains("does not exist"), refusedToo);

        // Fixed, the same function takes the mapping on the next invocation (and then stops at the Airtable
        // settings this profile leaves out, which shows the mapping was accepted).
        Files.writeString(FILE, VALID);
        JsonPath fixed = LambdaInvoker.invoke("{\"dryRun\":true}");
        assertEquals("failed", fixed.getString("status"), fixed.prettify());
        assertTrue(fixed.getString("error").contains("no Airtable base configured"), fixed.getString("error"));
    }

    private static void assertFailsNaming(String yaml, String problem) throws IOException {
        Files.createDirectories(DIR);
        Files.writeString(FILE, yaml);
        String error = failedInvocation("{}");
        assertTrue(error.contains(FILE + ", " + problem) || error.contains(FILE + ", line") && error.contains(problem), error);
        assertFalse(Files.exists(DIR.resolve("local")), "nothing was touched: no state, lock or report");
    }

    /** Invokes, expects a function error with the failure metric printed; returns the error message. */
    private static String failedInvocation(String payload) {
        JsonPath error;
        String printed;
        try (OutputCapture output = OutputCapture.start()) {
            error = LambdaInvoker.invokeFailing(payload);
            printed = output.all();
        }
        assertEquals(UnusableConfigurationException.class.getName(), error.getString("errorType"), error.prettify());
        String message = error.getString("errorMessage");
        assertTrue(message.startsWith("the mapping cannot be used: "), message);
        JsonNode metric = printed.lines().filter(l -> l.startsWith("{\"_aws\"")).map(BrokenMappingTest::json)
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no metric line in:\n" + printed));
        assertEquals(1, metric.path("RunsNotSucceeded").asInt(), metric.toString());
        assertEquals(0, metric.path("RunsSucceeded").asInt(), metric.toString());
        assertEquals("failed", metric.path("status").asText(), metric.toString());
        return message;
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON metric line: " + line, e);
        }
    }
}
