package io.airsync.testing.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.EmulatorOptions;
import io.airsync.testing.airtable.OneWayDelay;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.lambda.LambdaRuntimeApiEmulator;
import io.airsync.testing.mongo.EmbeddedMongo;
import io.airsync.testing.mongo.LocalMongoServer;
import io.airsync.testing.mongo.MongoWireResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's first command: one full sync on embedded defaults, run by the packaged function exactly as Lambda
 * runs it. Starts an embedded MongoDB seeded with the demo dataset, the Airtable emulator with the default base
 * (persisted under infra/local/data/airtable), and the Lambda Runtime API; starts the packaged function under AWS's
 * own Java runtime loop against them, hands it one invocation, prints the summary and the report's path, and stops
 * everything.
 *
 * <p>Given AIRSYNC_MONGODB_URI, or AIRSYNC_AIRTABLE_TOKEN with AIRSYNC_AIRTABLE_BASE_ID, in the environment, the
 * run uses those instead of the embedded MongoDB or the emulator.
 */
@Command(name = "local-sync", mixinStandardHelpOptions = true,
        description = "Runs one Airsync sync locally, on embedded defaults unless real services are configured.")
public final class LocalSync implements Callable<Integer> {

    static final String LOCAL_BASE = "appAirsyncLocal01";
    static final String LOCAL_TOKEN = "patLocalOnly.airsync-local-emulator-token";

    @Option(names = "--reset", description = "Delete the local state, reports and Airtable base first.")
    boolean reset;

    @Option(names = "--payload", description = "Invocation payload (JSON text or a file path). Default: {}")
    String payload = "{}";

    @Option(names = "--users", description = "Demo users to seed (events and messages follow). Default: ${DEFAULT-VALUE}")
    int users = DemoDataGenerator.LOCAL_USERS;

    @Option(names = "--rate", description = "Emulated Airtable requests per second per base. Default: ${DEFAULT-VALUE} (Airtable's own)")
    int rate = 5;

    @Option(names = "--one-way-delay", paramLabel = "MIN-MAX",
            description = "Emulated network delay each way, e.g. 0-100ms (uniform). Default: none")
    String oneWayDelay = "none";

    @Option(names = "--competing-client", paramLabel = "RATE",
            description = "Another client of the emulated base, in requests/s (e.g. 1). Default: none")
    double competing = 0;

    @Option(names = "--data-dir", description = "Where local state, reports and the emulated base live. Default: ${DEFAULT-VALUE}")
    Path dataDir = Path.of("infra", "local", "data");

    @Option(names = "--app", description = "The packaged function. Default: the build's runner jar (system property "
            + RunnerJar.PROPERTY + ")")
    Path app;

    public static void main(String[] args) {
        int code = new CommandLine(new LocalSync()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (app == null) {
            String built = System.getProperty(RunnerJar.PROPERTY);
            if (built == null || built.isBlank()) {
                System.err.println("No packaged function named: run ./mvnw -Plocal package, or pass --app.");
                return 2;
            }
            app = Path.of(built);
        }
        if (!Files.exists(app)) {
            System.err.println("No packaged function at " + app + ": run ./mvnw -Plocal package (it builds first).");
            return 2;
        }
        if (reset) {
            deleteRecursively(dataDir);
            System.out.println("local stack reset: " + dataDir);
        }
        Files.createDirectories(dataDir);
        Map<String, String> env = System.getenv();
        List<AutoCloseable> started = new ArrayList<>();
        Process function = null;
        try (LambdaRuntimeApiEmulator lambda = LambdaRuntimeApiEmulator.start()) {
            Map<String, String> fnEnv = new java.util.LinkedHashMap<>(lambda.environment());
            fnEnv.put("AIRSYNC_LOCAL_DIR", dataDir.toAbsolutePath().toString());

            if (env.containsKey("AIRSYNC_MONGODB_URI")) {
                System.out.println("MongoDB: from AIRSYNC_MONGODB_URI");
            } else {
                EmbeddedMongo mongo = LocalMongoServer.start(0, MongoWireResource.DEFAULT_DATABASE, users,
                        DemoDataGenerator.DEFAULT_SEED);
                started.add(mongo);
                fnEnv.put("AIRSYNC_MONGODB_URI", mongo.connectionString());
                fnEnv.put("AIRSYNC_MONGODB_DATABASE", MongoWireResource.DEFAULT_DATABASE);
                fnEnv.put("AIRSYNC_MONGODB_ALLOW_INSECURE", "true");
                System.out.println("MongoDB: embedded at " + mongo.connectionString() + " with the demo dataset ("
                        + users + " users)");
            }
            if (env.containsKey("AIRSYNC_AIRTABLE_TOKEN") && env.containsKey("AIRSYNC_AIRTABLE_BASE_ID")) {
                System.out.println("Airtable: base " + env.get("AIRSYNC_AIRTABLE_BASE_ID") + " at "
                        + env.getOrDefault("AIRSYNC_AIRTABLE_URL", "https://api.airtable.com"));
            } else {
                Path schema = Path.of("infra", "airtable", "schema.json");
                AirtableEmulator airtable = AirtableEmulator.start(new EmulatorOptions().token(LOCAL_TOKEN)
                        .requestsPerSecond(rate).dataDir(dataDir.resolve("airtable"))
                        .oneWayDelay(OneWayDelay.parse(oneWayDelay)).competingRequestsPerSecond(competing));
                started.add(airtable);
                airtable.addBaseFromFile(LOCAL_BASE, schema);
                fnEnv.put("AIRSYNC_AIRTABLE_URL", airtable.url());
                fnEnv.put("AIRSYNC_AIRTABLE_BASE_ID", LOCAL_BASE);
                fnEnv.put("AIRSYNC_AIRTABLE_TOKEN", LOCAL_TOKEN);
                fnEnv.put("AIRSYNC_AIRTABLE_REQUESTS_PER_SECOND", String.valueOf(rate));
                System.out.println("Airtable: emulator at " + airtable.url() + ", base " + LOCAL_BASE + " ("
                        + rate + " requests/s, kept in " + dataDir.resolve("airtable") + ")");
            }

            ProcessBuilder pb = new ProcessBuilder(JavaRuntimeLauncher.command(app)).inheritIO();
            pb.environment().putAll(fnEnv);
            long t0 = System.nanoTime();
            function = pb.start();
            String event = Files.exists(Path.of(payload)) ? Files.readString(Path.of(payload)) : payload;
            String response;
            try {
                response = JavaRuntimeLauncher.awaitResponse(function, lambda.submit(event, Duration.ofMinutes(15)),
                        Duration.ofMinutes(16));
            } catch (JavaRuntimeLauncher.FunctionDiedException died) {
                System.err.println("Airsync local run: " + died.getMessage() + ".");
                return 3;
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // Stop the function before its Runtime API goes away, or its runtime loop complains on the way out.
            stop(function);
            printSummary(response, ms);
            JsonNode summary = new ObjectMapper().readTree(response);
            String status = summary.path("status").asText();
            return "succeeded".equals(status) || "partial".equals(status) || "continued".equals(status) ? 0 : 1;
        } finally {
            if (function != null) {
                stop(function);
            }
            for (AutoCloseable c : started) {
                c.close();
            }
        }
    }

    private static void stop(Process function) throws InterruptedException {
        function.destroy();
        if (!function.waitFor(10, TimeUnit.SECONDS)) {
            function.destroyForcibly();
        }
    }

    private static void printSummary(String response, long ms) throws IOException {
        JsonNode s = new ObjectMapper().readTree(response);
        System.out.println();
        System.out.printf("Airsync run %s: %s (%s, %d ms wall time including start-up)%n", s.path("runId").asText(),
                s.path("status").asText(), s.path("mode").asText(), ms);
        System.out.printf("%-10s %8s %8s %8s %9s %8s %7s %6s%n", "table", "source", "created", "updated", "unchanged",
                "deleted", "failed", "links");
        for (JsonNode t : s.path("tables")) {
            System.out.printf("%-10s %8d %8d %8d %9d %8d %7d %6d%n", t.path("table").asText(), t.path("sourceCount").asLong(),
                    t.path("created").asLong(), t.path("updated").asLong(), t.path("unchanged").asLong(),
                    t.path("deleted").asLong(), t.path("failed").asLong(), t.path("linkProblems").asLong());
        }
        System.out.println("Airtable requests: " + s.path("requests"));
        JsonNode usage = s.path("airtable");
        if (usage.isObject()) {
            System.out.printf("Airtable calls this month (%s, UTC): %,d so far, about %,d by the month's end; budget %s%n",
                    usage.path("month").asText(), usage.path("monthToDate").asLong(), usage.path("projectedMonth").asLong(),
                    usage.path("monthlyBudget").isNumber()
                            ? String.format("%,d (plan %s)", usage.path("monthlyBudget").asLong(), usage.path("plan").asText())
                            : "none set (airsync.airtable.plan)");
        }
        if (!s.path("error").isNull() && !s.path("error").isMissingNode()) {
            System.out.println("Error: " + s.path("error").asText());
        }
        System.out.println("Report: " + s.path("reportUri").asText());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
