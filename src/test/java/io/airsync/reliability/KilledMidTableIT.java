package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.airsync.mapping.MappingLoader;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.AirtableEmulatorResource;
import io.airsync.testing.airtable.EmulatorOptions;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.lambda.LambdaRuntimeApiEmulator;
import io.airsync.testing.lambda.PackagedFunction;
import io.airsync.testing.mongo.PasswordMongo;
import io.airsync.testing.reliability.AirtableContent;
import io.airsync.testing.reliability.FaultTrigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged function killed for real (SIGKILL, no shutdown hook, no clean time-budget stop) in the middle of the
 * Messages table, as Lambda kills a sandbox that runs out of memory or time: its lock stays behind and Messages has
 * no saved state. The next invocation, in a new process, is skipped while the dead holder's lease runs, then takes
 * the lock over once it has run out, reads Messages back from Airtable, adopts what the dead run wrote by its key
 * field and creates the rest: every record once, none missing; a further run has nothing to write. The function's
 * whole output (three processes) holds neither the token nor the MongoDB password.
 *
 * <p>Runs with the integration tests in {@code ./mvnw verify}, against target/*-runner.jar under AWS's Java runtime
 * interface client (as {@code ./mvnw -Plocal package} does), and against the native executable in
 * {@code ./mvnw verify -Dnative} ({@link PackagedFunction}).
 */
class KilledMidTableIT {

    static final String BASE = "appKilledMidTable1";
    static final String TOKEN = "patKilledMidTable.5e1d0c9b8a7f6e5d";
    static final String PASSWORD = "Killed-Run-Pa55-3c8f";
    static final String DATABASE = "airsync";
    static final int USERS = 400;
    static final int RATE = 40;
    static final Duration LEASE = Duration.ofSeconds(12);

    PasswordMongo mongo;
    AirtableEmulator airtable;
    LambdaRuntimeApiEmulator lambda;
    Path dir;
    final List<Process> processes = new ArrayList<>();
    final List<Path> outputs = new ArrayList<>();
    DemoDataGenerator.Counts counts;

    @BeforeEach
    void start() throws IOException {
        PackagedFunction.command(); // fails when the build made no package
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "killed-mid-table-");
        mongo = PasswordMongo.start("airsync", PASSWORD);
        try (MongoClient admin = MongoClients.create(mongo.adminUri())) {
            counts = new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(admin.getDatabase(DATABASE), USERS);
        }
        airtable = AirtableEmulator.start(new EmulatorOptions().token(TOKEN).requestsPerSecond(RATE)
                .penalty(Duration.ofSeconds(1)));
        airtable.addBaseFromFile(BASE, AirtableEmulatorResource.schemaFile());
        lambda = LambdaRuntimeApiEmulator.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (AutoCloseable c : new AutoCloseable[] {lambda, airtable, mongo}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void aRunKilledMidMessagesIsCompletedByTheNextRunWithoutDuplicates() throws Exception {
        // 1. A full sync, killed once Messages is being written.
        Process first = function();
        CompletableFuture<String> killed = lambda.submit("{}", Duration.ofMinutes(5));
        FaultTrigger.afterWrites(airtable, "Messages", 30, () -> { }).get(2, TimeUnit.MINUTES);
        first.destroyForcibly(); // SIGKILL
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        assertFalse(killed.isDone(), "the run was killed before it answered");
        int messagesBefore = airtable.records(BASE, "Messages").size();
        assertTrue(messagesBefore > 0 && messagesBefore < counts.messages(), "killed in the middle of Messages: "
                + messagesBefore + " of " + counts.messages());
        Path lockFile = dir.resolve("state").resolve("run.lock");
        assertTrue(Files.exists(lockFile), "the dead run's lock is left behind");
        assertFalse(Files.exists(dir.resolve("state").resolve("tables").resolve("Messages.state")),
                "Messages had no state saved");
        assertTrue(lockProperties(lockFile).getProperty("expiresAt") != null, "the lock names its expiry");

        // 2. The next invocation, in a new process, while the dead holder's lease still runs: skipped. The lease is
        //    set in the lock file rather than waited for, so the outcome does not depend on how fast this machine is.
        setLockExpiry(lockFile, Instant.now().plus(Duration.ofHours(1)));
        function();
        JsonNode early = summary(lambda.submit("{}", Duration.ofMinutes(5)));
        assertEquals("skipped", early.path("status").asText(), early.toString());
        assertTrue(early.path("error").asText().startsWith("another run is in progress"), early.toString());

        // 3. Once the lease has run out, the lock is taken over and the run completes the base.
        setLockExpiry(lockFile, Instant.now().minus(Duration.ofMinutes(1)));
        airtable.clearRequests();
        JsonNode recovery = summary(lambda.submit("{}", Duration.ofMinutes(5)));
        assertEquals("succeeded", recovery.path("status").asText(), recovery.toString());
        JsonNode messages = recovery.path("tables").get(2);
        assertEquals(counts.messages(), messages.path("sourceCount").asInt());
        assertEquals(counts.messages(), messages.path("created").asInt() + messages.path("unchanged").asInt()
                + messages.path("updated").asInt(), messages.toString());
        assertTrue(messages.path("unchanged").asInt() + messages.path("updated").asInt() >= messagesBefore - 30,
                "what the dead run wrote is adopted by its key, not created again: " + messages);

        AirtableContent content = AirtableContent.read(airtable, BASE,
                new MappingLoader().load("classpath:mapping/default-mapping.yaml"));
        assertEquals(List.of(), content.duplicateKeys(), "no duplicate");
        assertEquals(List.of(), content.recordsWithoutKey());
        assertEquals(counts.users(), content.recordCount("Users"));
        assertEquals(counts.events(), content.recordCount("Events"));
        assertEquals(counts.messages(), content.recordCount("Messages"), "none missing");
        assertFalse(Files.exists(lockFile), "the lock was released");

        // 4. State and Airtable agree: nothing left to write.
        airtable.clearRequests();
        JsonNode after = summary(lambda.submit("{}", Duration.ofMinutes(5)));
        assertEquals("succeeded", after.path("status").asText(), after.toString());
        assertEquals(0, airtable.requests().stream().filter(FaultTrigger::isWrite).count(), "a no-op run");

        // 5. Nothing any of the three processes printed holds a secret.
        for (Process p : processes) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (Path output : outputs) {
            String text = Files.readString(output);
            assertFalse(text.contains(TOKEN) || text.contains(TOKEN.substring(TOKEN.indexOf('.') + 1)), "token in " + output);
            assertFalse(text.contains(PASSWORD), "MongoDB password in " + output);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Starts the packaged function on the Runtime API, its output (stdout and stderr) to a file. */
    private Process function() throws IOException {
        Map<String, String> env = new LinkedHashMap<>(lambda.environment());
        env.put("AIRSYNC_LOCAL_DIR", dir.toString());
        env.put("AIRSYNC_MONGODB_URI", mongo.uri("serverSelectionTimeoutMS=5000"));
        env.put("AIRSYNC_MONGODB_DATABASE", DATABASE);
        env.put("AIRSYNC_MONGODB_ALLOW_INSECURE", "true");
        env.put("AIRSYNC_AIRTABLE_URL", airtable.url());
        env.put("AIRSYNC_AIRTABLE_BASE_ID", BASE);
        env.put("AIRSYNC_AIRTABLE_TOKEN", TOKEN);
        env.put("AIRSYNC_AIRTABLE_REQUESTS_PER_SECOND", String.valueOf(RATE));
        env.put("AIRSYNC_AIRTABLE_RATE_LIMIT_PENALTY", "1S");
        env.put("AIRSYNC_STATE_LOCK_LEASE", LEASE.toSeconds() + "S");
        Path output = dir.resolve("function-" + (processes.size() + 1) + ".log");
        ProcessBuilder pb = new ProcessBuilder(PackagedFunction.command()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.add(p);
        outputs.add(output);
        return p;
    }

    private static JsonNode summary(CompletableFuture<String> response) throws Exception {
        return new ObjectMapper().readTree(response.get(5, TimeUnit.MINUTES));
    }

    /** Moves the dead holder's lease, as time passing would. */
    private static void setLockExpiry(Path lockFile, Instant expiry) throws IOException {
        Properties p = lockProperties(lockFile);
        p.setProperty("expiresAt", Long.toString(expiry.getEpochSecond()));
        try (var out = Files.newOutputStream(lockFile)) {
            p.store(out, "lease moved by the test");
        }
    }

    private static Properties lockProperties(Path lockFile) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(lockFile)) {
            p.load(in);
        }
        return p;
    }
}
