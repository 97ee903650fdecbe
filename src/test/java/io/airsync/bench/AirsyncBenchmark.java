package io.airsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.airsync.airtable.AirtableRequestStats;
import io.airsync.mapping.MappingLoader;
import io.airsync.mapping.SyncMapping;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.EmulatorOptions;
import io.airsync.testing.airtable.LoggedRequest;
import io.airsync.testing.airtable.OneWayDelay;
import io.airsync.testing.demo.DemoDataGenerator;
import io.airsync.testing.lambda.LambdaRuntimeApiEmulator;
import io.airsync.testing.local.RunnerJar;
import io.airsync.testing.mongo.EmbeddedMongo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark of issue "Benchmarks": Airsync's packaged function, run as Lambda runs it, against the Airtable
 * emulator at Airtable's own limits (or the same rules time-scaled) and an embedded MongoDB seeded with the demo
 * dataset (1 user : 0.05 events : 4 messages). Per size it runs, each in a fresh function process: the initial load
 * into an empty base, a re-run with nothing changed, 1% of documents changed, 100% changed, mirror mode with 1%
 * deleted, and an initial load into a second empty base interrupted by a time budget and continued until done.
 * Separately it compares Airsync's initial load with the original prototype's one-request-per-record way on the same
 * data at the same settings. Results go to {@code benchmarks/results/<date>-<label>.md}.
 *
 * <pre>
 * ./mvnw -Pbench package                                      # everything (about 40 minutes)
 * ./mvnw -Pbench package -Dbench.args="--engine 1000@1 --ratio 200@1"
 * </pre>
 */
@Command(name = "airsync-benchmark", mixinStandardHelpOptions = true,
        description = "Benchmarks Airsync against the Airtable emulator and the prototype's way.")
public final class AirsyncBenchmark implements Callable<Integer> {

    static final String TOKEN = "patBench.airsync-benchmark-emulator-token";
    static final String DATABASE = "airsync";
    static final Path SCHEMA = Path.of("infra", "airtable", "schema.json");
    static final Duration INVOCATION_TIMEOUT = Duration.ofHours(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--engine", split = ",", description = "Engine scenario sets, users@timescale (1 = Airtable's own "
            + "5 requests/s, 30 s penalty, 150 ms latency; k = k times the rate, penalty and latency / k). Default: ${DEFAULT-VALUE}")
    List<String> engine = new ArrayList<>(List.of("1000@1", "10000@20", "100000@40"));

    @Option(names = "--ratio", split = ",", description = "Prototype comparisons (initial load), users@timescale. Default: ${DEFAULT-VALUE}")
    List<String> ratio = new ArrayList<>(List.of("200@1", "1000@20"));

    @Option(names = "--pacing", split = ",", description = "Pacing sets (issue 11), users@timescale: initial load and "
            + "100% changed in each --conditions world, and the Airtable.js peer. Default: ${DEFAULT-VALUE}")
    List<String> pacing = new ArrayList<>(List.of("1000@1"));

    @Option(names = "--conditions", split = ",", description = "Pacing worlds: quiet, jitter100, jitter300, competing, "
            + "busy. Default: all")
    List<String> conditions = new ArrayList<>(PacingCondition.keys());

    @Option(names = "--peer", split = ",", description = "Worlds where the Airtable.js peer runs too (\"none\": "
            + "nowhere). Default: ${DEFAULT-VALUE}")
    List<String> peerConditions = new ArrayList<>(List.of("quiet", "busy"));

    @Option(names = "--scenarios", split = ",", description = "Engine scenarios to run (initial always runs). Default: all")
    List<String> scenarios = new ArrayList<>(List.of("nochange", "one", "all", "mirror", "interrupted"));

    @Option(names = "--app", description = "The packaged function. Default: the build's runner jar (system property "
            + RunnerJar.PROPERTY + ", which -Pbench sets from the build's final name)")
    Path app;

    @Option(names = "--jvm", split = " ", description = "JVM options of the function. Default: ${DEFAULT-VALUE}")
    List<String> jvm = new ArrayList<>(FunctionProcess.LAMBDA_512MB_JVM);

    @Option(names = "--out", description = "Results folder. Default: ${DEFAULT-VALUE}")
    Path out = Path.of("benchmarks", "results");

    @Option(names = "--label", description = "Results file name after the date. Default: the sets run")
    String label;

    @Option(names = "--note", description = "What else the machine was doing, in words, for the results file")
    String note;

    @Option(names = "--budget-fraction", description = "Time budget of the interrupted run, as a fraction of the "
            + "uninterrupted initial load's time. Default: ${DEFAULT-VALUE}")
    double budgetFraction = 0.4;

    @Option(names = "--work", description = "Scratch folder (state, reports, function logs). Default: ${DEFAULT-VALUE}")
    Path work = Path.of("target", "bench");

    private final ResultsReport report = new ResultsReport();
    private int suites;

    public static void main(String[] args) {
        int code = new CommandLine(new AirsyncBenchmark()).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        if (app == null) {
            String built = System.getProperty(RunnerJar.PROPERTY);
            if (built == null || built.isBlank()) {
                System.err.println("No packaged function named: run ./mvnw -Pbench package (it builds first and passes "
                        + "the build's runner jar), or give --app.");
                return 2;
            }
            app = Path.of(built);
        }
        if (!Files.exists(app)) {
            System.err.println("No packaged function at " + app + ": run ./mvnw -Pbench package (it builds first).");
            return 2;
        }
        deleteRecursively(work);
        Files.createDirectories(work);
        Files.createDirectories(out);
        String name = LocalDate.now() + "-" + (label != null ? label
                : String.join("_", Stream.concat(Stream.concat(engine.stream(), ratio.stream().map(r -> "ratio" + r)),
                        pacing.stream().map(p -> "pacing" + p)).toList())
                        .replace("@", "x").replace("000x", "kx"));
        Path results = out.resolve(name + ".md");
        report.start(app, jvm, note, scenarios);
        log("results: " + results);
        engine.removeIf(String::isBlank);
        ratio.removeIf(String::isBlank);
        pacing.removeIf(String::isBlank);
        List<PacingCondition> worlds = conditions.stream().filter(c -> !c.isBlank()).map(PacingCondition::parse).toList();
        for (String spec : pacing) {
            try {
                report.pacing.add(runPacing(Spec.parse(spec), worlds));
            } catch (Exception e) {
                report.failures.add("pacing " + spec + ": " + e);
                e.printStackTrace();
            }
            Files.writeString(results, report.render());
        }
        for (String spec : engine) {
            Spec s = Spec.parse(spec);
            try {
                report.engine.add(runEngine(s));
            } catch (Exception e) {
                report.failures.add("engine " + spec + ": " + e);
                e.printStackTrace();
            }
            Files.writeString(results, report.render());
        }
        for (String spec : ratio) {
            Spec s = Spec.parse(spec);
            try {
                report.ratios.add(runRatio(s));
            } catch (Exception e) {
                report.failures.add("ratio " + spec + ": " + e);
                e.printStackTrace();
            }
            Files.writeString(results, report.render());
        }
        report.finish();
        Files.writeString(results, report.render());
        log("written " + results);
        System.out.println(report.render());
        return report.failures.isEmpty() ? 0 : 1;
    }

    /** users@timescale */
    record Spec(int users, TimeScale scale) {
        static Spec parse(String s) {
            String[] p = s.trim().split("@");
            return new Spec(Integer.parseInt(p[0].replace("_", "")), new TimeScale(p.length > 1 ? Integer.parseInt(p[1]) : 1));
        }

        String label() {
            return String.format(Locale.ROOT, "%,d users, %s", users, scale.label());
        }
    }

    // ------------------------------------------------------------------------------------------- engine

    ResultsReport.EngineSuite runEngine(Spec spec) throws Exception {
        ResultsReport.EngineSuite suite = new ResultsReport.EngineSuite(spec.users(), spec.scale());
        // One folder per suite, even when a set is run twice: state left by an earlier suite would point at records
        // of an emulator that is gone.
        Path dir = work.resolve(String.format(Locale.ROOT, "%02d-engine-%dx%d", ++suites, spec.users(),
                spec.scale().factor()));
        DemoDataGenerator generator = new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED);
        log("== engine: " + spec.label());
        try (EmbeddedMongo mongo = EmbeddedMongo.start();
             MongoClient client = MongoClients.create(mongo.connectionString());
             AirtableEmulator airtable = AirtableEmulator.start(emulatorOptions(spec.scale()))) {
            MongoDatabase db = client.getDatabase(DATABASE);
            long t0 = System.nanoTime();
            DemoDataGenerator.Counts counts = generator.seed(db, spec.users());
            suite.seedMs = (System.nanoTime() - t0) / 1_000_000;
            suite.counts = counts;
            log(String.format(Locale.ROOT, "seeded %,d documents in %d ms", counts.total(), suite.seedMs));
            airtable.addBaseFromFile("appBenchMain00001", SCHEMA);
            airtable.addBaseFromFile("appBenchResume001", SCHEMA);
            Target main = new Target("appBenchMain00001", dir.resolve("main"));
            Target resume = new Target("appBenchResume001", dir.resolve("resume"));
            Runner runner = new Runner(spec, airtable, mongo, dir);

            ScenarioResult initial = runner.run("initial", "initial load into an empty base", main, null, null,
                    counts.total());
            suite.add(initial);
            if (scenarios.contains("nochange")) {
                suite.add(runner.run("no change", "re-run, nothing changed (state from the initial load)", main, null,
                        null, counts.total()));
            }
            if (scenarios.contains("one")) {
                DemoDataGenerator.Counts changed = generator.mutate(db, 0.01, 101);
                ScenarioResult r = runner.run("1% changed", String.format(Locale.ROOT,
                        "1%% of each collection changed in one mapped field (%,d documents)", changed.total()),
                        main, null, null, counts.total());
                r.notes.add(String.format(Locale.ROOT, "documents changed in MongoDB: %,d", changed.total()));
                suite.add(r);
            }
            if (scenarios.contains("all")) {
                DemoDataGenerator.Counts changed = generator.mutate(db, 1.0, 202);
                ScenarioResult r = runner.run("100% changed", String.format(Locale.ROOT,
                        "every document changed in one mapped field (%,d documents)", changed.total()),
                        main, null, null, counts.total());
                r.notes.add(String.format(Locale.ROOT, "documents changed in MongoDB: %,d", changed.total()));
                suite.add(r);
            }
            long remaining = counts.total();
            if (scenarios.contains("mirror")) {
                DemoDataGenerator.Counts deleted = generator.deleteFraction(db, 0.01, 303);
                remaining -= deleted.total();
                Path mapping = mirrorMapping(dir);
                ScenarioResult r = runner.run("mirror, 1% deleted", String.format(Locale.ROOT,
                        "mapping with mirror: {mode: delete}; 1%% of each collection deleted (%,d documents)",
                        deleted.total()), main, mapping, null, remaining);
                r.notes.add(String.format(Locale.ROOT, "documents deleted in MongoDB: %,d", deleted.total()));
                suite.add(r);
            }
            if (scenarios.contains("interrupted")) {
                Duration budget = Duration.ofMillis(Math.max(5_000, Math.round(initial.handlerMs * budgetFraction)));
                ScenarioResult r = runner.run("interrupted + resumed", "initial load into a second empty base, "
                        + "time budget " + TimeScale.millis(budget) + " per invocation, continued until done",
                        resume, null, budget, remaining);
                suite.add(r);
            }
        }
        return suite;
    }

    EmulatorOptions emulatorOptions(TimeScale scale) {
        return new EmulatorOptions().token(TOKEN).requestsPerSecond(scale.rate()).penalty(scale.penalty())
                .latency(scale.latency()).maxLoggedBodyChars(0).maxLoggedRequests(5_000_000);
    }

    static Path mirrorMapping(Path dir) throws IOException {
        String text = MappingLoader.read(MappingLoader.DEFAULT_LOCATION);
        String mirrored = text.replace("mirror: { mode: off }", "mirror: { mode: delete }");
        if (mirrored.equals(text)) {
            throw new IllegalStateException("the default mapping has no 'mirror: { mode: off }' to switch");
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("mirror-mapping.yaml");
        Files.writeString(file, mirrored);
        new MappingLoader().load(file.toString()); // fail here, not in the function, if it does not parse
        return file;
    }

    /** An Airtable base and the local folder holding Airsync's state and reports for it. */
    record Target(String baseId, Path localDir) {
    }

    /** Runs scenarios: one function process each, measured. */
    final class Runner {
        private final Spec spec;
        private final AirtableEmulator airtable;
        private final EmbeddedMongo mongo;
        private final Path dir;
        private int sequence;
        /** Requests per second the emulated competing client spends of the base's rate. */
        double competingRate;

        Runner(Spec spec, AirtableEmulator airtable, EmbeddedMongo mongo, Path dir) {
            this.spec = spec;
            this.airtable = airtable;
            this.mongo = mongo;
            this.dir = dir;
        }

        ScenarioResult run(String name, String description, Target target, Path mapping, Duration budget,
                long sourceDocuments) throws Exception {
            log("-- " + spec.label() + ": " + name);
            ScenarioResult r = new ScenarioResult();
            r.suite = spec.label();
            r.name = name;
            r.description = description;
            r.scale = spec.scale();
            r.users = spec.users();
            r.sourceDocuments = sourceDocuments;
            r.competingRate = competingRate;
            airtable.clearRequests();
            airtable.resetRateLimits();

            Map<String, String> env = new LinkedHashMap<>();
            env.put("AIRSYNC_MONGODB_URI", mongo.connectionString());
            env.put("AIRSYNC_MONGODB_DATABASE", DATABASE);
            env.put("AIRSYNC_MONGODB_ALLOW_INSECURE", "true");
            env.put("AIRSYNC_AIRTABLE_URL", airtable.url());
            env.put("AIRSYNC_AIRTABLE_BASE_ID", target.baseId());
            env.put("AIRSYNC_AIRTABLE_TOKEN", TOKEN);
            env.put("AIRSYNC_AIRTABLE_REQUESTS_PER_SECOND", Integer.toString(spec.scale().rate()));
            env.put("AIRSYNC_AIRTABLE_RATE_LIMIT_PENALTY", spec.scale().penalty().toString());
            env.put("AIRSYNC_LOCAL_DIR", target.localDir().toAbsolutePath().toString());
            if (mapping != null) {
                env.put("AIRSYNC_MAPPING_LOCATION", mapping.toAbsolutePath().toString());
            }
            if (budget != null) {
                env.put("AIRSYNC_RUN_TIME_BUDGET", budget.toString());
            }
            List<String> options = new ArrayList<>(jvm);
            options.add(ClientSends.DEBUG_OPTION);

            Proc.MachineCpu machineBefore = Proc.MachineCpu.now();
            long harnessCpuBefore = Proc.cpuMillis(Proc.selfPid());
            long harnessGcBefore = Proc.ownGcMillis();
            Path processDir = dir.resolve(String.format(Locale.ROOT, "%02d-%s", ++sequence,
                    name.replaceAll("[^a-zA-Z0-9]+", "-")));
            // A Runtime API of its own: a stopped process's pending "next" call must not take the next one's event.
            LambdaRuntimeApiEmulator lambda = LambdaRuntimeApiEmulator.start();
            FunctionProcess fn = FunctionProcess.start(app, lambda, env, options, processDir);
            try {
                String payload = "{}";
                JsonNode summary;
                while (true) {
                    FunctionProcess.Invocation inv = fn.invoke(payload, INVOCATION_TIMEOUT);
                    summary = JSON.readTree(inv.response());
                    r.invocations++;
                    r.handlerMs += inv.handlerMs();
                    r.engineCpuMs += inv.cpuMs();
                    JsonNode req = summary.path("requests");
                    r.clientCreate += req.path("create").asLong();
                    r.clientUpsert += req.path("upsert").asLong();
                    r.clientUpdate += req.path("update").asLong();
                    r.clientRetries += req.path("retries").asLong();
                    r.penaltyWaitMs += req.path("penaltyWaitMs").asLong();
                    r.roundTrips += req.path(AirtableRequestStats.ROUND_TRIPS).asLong();
                    r.roundTripMs += req.path(AirtableRequestStats.ROUND_TRIP_MS).asLong();
                    long shortest = req.path(AirtableRequestStats.SHORTEST_ROUND_TRIP_MS).asLong();
                    r.shortestRoundTripMs = r.shortestRoundTripMs == 0 ? shortest
                            : shortest == 0 ? r.shortestRoundTripMs : Math.min(r.shortestRoundTripMs, shortest);
                    double lowest = req.path("lowestRequestsPerMinute").asDouble(0) / 60;
                    r.lowestRequestsPerSecond = r.invocations == 1 || lowest < r.lowestRequestsPerSecond && lowest > 0
                            ? lowest : r.lowestRequestsPerSecond;
                    String status = summary.path("status").asText();
                    log(String.format(Locale.ROOT, "   invocation %d: %s in %,d ms (%s)", r.invocations, status,
                            inv.handlerMs(), req));
                    if (!"continued".equals(status) || r.invocations >= 200) {
                        break;
                    }
                    payload = JSON.createObjectNode().put("continueRun", summary.path("runId").asText()).toString();
                }
                List<FunctionProcess.Invocation> invs = fn.invocations();
                r.wallMs = (invs.get(invs.size() - 1).answeredNanos() - fn.startNanos()) / 1_000_000;
                r.lastSummary = summary;
                r.status = summary.path("status").asText();
                for (JsonNode t : summary.path("tables")) {
                    long changedHere = t.path("created").asLong() + t.path("updated").asLong() + t.path("deleted").asLong();
                    r.idealWrites += (changedHere + 9) / 10;
                    r.documents += t.path("sourceCount").asLong();
                    r.created += t.path("created").asLong();
                    r.updated += t.path("updated").asLong();
                    r.unchanged += t.path("unchanged").asLong();
                    r.deleted += t.path("deleted").asLong();
                    r.failed += t.path("failed").asLong();
                }
                if (!summary.path("error").isNull() && !summary.path("error").isMissingNode()) {
                    r.notes.add("error: " + summary.path("error").asText());
                }
            } finally {
                r.process = fn.finish();
                lambda.close();
            }
            Proc.MachineCpu machineAfter = Proc.MachineCpu.now();
            r.harnessCpuMs = Proc.cpuMillis(Proc.selfPid()) - harnessCpuBefore;
            r.harnessGcMs = Proc.ownGcMillis() - harnessGcBefore;
            r.machineBusy = machineAfter.busySince(machineBefore);
            r.othersCpuMs = machineAfter.busyMillisSince(machineBefore) - r.process.cpuTotalMs() - r.harnessCpuMs;
            r.loadAtEnd = Proc.load1();

            List<LoggedRequest> log = airtable.requests();
            r.requests = RequestTally.of(log, target.baseId(), spec.scale().rate());
            writeArrivals(log, target.baseId(), processDir.resolve("arrivals.tsv"));
            diagnose(r, log, target.baseId(), fn.outputLog());
            log(String.format(Locale.ROOT, "   %s: %,d requests (%,d writes, %d x 429), %.1f s, efficiency %.3f, "
                            + "%.3f writes/changed, CPU %.0f ms/1k docs, heap %d/%d MB, RSS %d MB, init %d ms",
                    r.status, r.requests.total(), r.requests.writes(), r.requests.rateLimited, r.actualSeconds(),
                    r.efficiency(), r.writesPerChanged(), r.cpuMsPer1000Documents(), r.process.heapPeakAfterGcMb(),
                    r.process.heapPeakBeforeGcMb(), r.process.rssPeakMb(), r.process.initMs()));
            return r;
        }
    }

    /** Why each 429 happened: how the rate+1 arrivals of its window were spaced at the emulator, and at the client. */
    static void diagnose(ScenarioResult r, List<LoggedRequest> log, String baseId, Path functionOutput) {
        List<Instant> sends = ClientSends.read(functionOutput);
        List<Instant> arrivals = log.stream().filter(e -> baseId.equals(e.baseId()) && !e.isCompetingClient())
                .map(LoggedRequest::at).toList();
        r.sendToArrivalMs = ClientSends.sendToArrival(sends, arrivals);
        int rate = r.scale.rate();
        for (RequestTally.PenaltyStart p : r.requests.penalties) {
            Duration clientSpan = ClientSends.tightestSpan(sends, p.window().isEmpty() ? p.at().minusSeconds(3)
                    : p.window().get(0).minusSeconds(2), p.at().plusMillis(5), rate + 1);
            StringBuilder gaps = new StringBuilder();
            Instant prev = null;
            for (Instant a : p.window()) {
                if (prev != null) {
                    gaps.append(Duration.between(prev, a).toMillis()).append(' ');
                }
                prev = a;
            }
            if (prev != null) {
                gaps.append(Duration.between(prev, p.at()).toMillis());
            }
            String verdict;
            if (p.window().size() < rate) {
                verdict = "fewer than rate arrivals before it: a penalty still running, or the emulator's window";
            } else if (clientSpan == null && r.competingRate > 0) {
                verdict = "fewer than " + (rate + 1) + " of Airsync's sends around it: the competing client's "
                        + "requests filled the window";
            } else if (clientSpan == null) {
                verdict = "no client send times in the log";
            } else if (clientSpan.toMillis() >= 1000) {
                verdict = "the client spaced them over " + clientSpan.toMillis()
                        + " ms: they were squeezed between send and arrival (transport or server scheduling)";
            } else {
                verdict = "the client itself sent " + (rate + 1) + " within " + clientSpan.toMillis()
                        + " ms: pacing";
            }
            r.penaltyNotes.add(String.format(Locale.ROOT, "429 at %s: %d arrivals spanned %d ms at the emulator "
                            + "(gaps ms: %s); tightest %d sends at the client around it: %s ms; %s", p.at(),
                    p.window().size() + 1, p.span().toMillis(), gaps.toString().trim(), rate + 1,
                    clientSpan == null ? "?" : Long.toString(clientSpan.toMillis()), verdict));
        }
    }

    /** The emulator's log of the base, for a closer look at pacing: arrival, method, path, status. */
    static void writeArrivals(List<LoggedRequest> log, String baseId, Path file) throws IOException {
        StringBuilder tsv = new StringBuilder("arrival\tmethod\tpath\tstatus\n");
        for (LoggedRequest e : log) {
            if (baseId.equals(e.baseId())) {
                tsv.append(e.at()).append('\t').append(e.method()).append('\t').append(e.path()).append('\t')
                        .append(e.status()).append('\n');
            }
        }
        Files.writeString(file, tsv);
    }

    // ------------------------------------------------------------------------------------------- pacing

    /**
     * Issue 11: per world (quiet, jitter, a competing client, a busy machine) Airsync's initial load into an empty
     * base and a 100% changed run, then (where asked) the Airtable.js peer doing the same into another base.
     */
    ResultsReport.PacingSuite runPacing(Spec spec, List<PacingCondition> worlds) throws Exception {
        ResultsReport.PacingSuite suite = new ResultsReport.PacingSuite(spec.users(), spec.scale());
        Path dir = work.resolve(String.format(Locale.ROOT, "%02d-pacing-%dx%d", ++suites, spec.users(),
                spec.scale().factor()));
        DemoDataGenerator generator = new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED);
        SyncMapping mapping = new MappingLoader().load(MappingLoader.DEFAULT_LOCATION);
        log("== pacing: " + spec.label());
        try (EmbeddedMongo mongo = EmbeddedMongo.start();
             MongoClient client = MongoClients.create(mongo.connectionString());
             AirtableEmulator airtable = AirtableEmulator.start(emulatorOptions(spec.scale()))) {
            MongoDatabase db = client.getDatabase(DATABASE);
            suite.counts = generator.seed(db, spec.users());
            int mutation = 500;
            for (PacingCondition world : worlds) {
                log("-- world: " + world.key + " (" + world.description + ")");
                airtable.options().oneWayDelay(world.delay(spec.scale()))
                        .competingRequestsPerSecond(world.competing(spec.scale()));
                Target main = new Target(world.baseId("Airsync"), dir.resolve(world.key));
                airtable.addBaseFromFile(main.baseId(), SCHEMA);
                Runner runner = new Runner(spec, airtable, mongo, dir.resolve(world.key));
                runner.competingRate = world.competing(spec.scale());
                try (BusyThreads busy = world.busyThreads ? new BusyThreads(2) : null) {
                    ScenarioResult initial = runner.run("initial", "initial load into an empty base", main, null, null,
                            suite.counts.total());
                    suite.add(world, initial);
                    generator.mutate(db, 1.0, ++mutation);
                    ScenarioResult all = runner.run("100% changed", "every document changed in one mapped field",
                            main, null, null, suite.counts.total());
                    suite.add(world, all);
                    if (peerConditions.contains(world.key)) {
                        String peerBase = world.baseId("Peer");
                        airtable.addBaseFromFile(peerBase, SCHEMA);
                        suite.addPeer(world, runPeer("initial", spec, world, airtable, mapping, db, peerBase, dir));
                        generator.mutate(db, 1.0, ++mutation);
                        suite.addPeer(world, runPeer("100% changed", spec, world, airtable, mapping, db, peerBase, dir));
                    }
                } finally {
                    airtable.options().oneWayDelay(OneWayDelay.NONE).competingRequestsPerSecond(0);
                }
            }
        }
        return suite;
    }

    ResultsReport.PeerResult runPeer(String scenario, Spec spec, PacingCondition world, AirtableEmulator airtable,
                                     SyncMapping mapping, MongoDatabase db, String baseId, Path dir) throws Exception {
        log("-- " + spec.label() + ", " + world.key + ": Airtable.js peer, " + scenario);
        Path folder = dir.resolve(world.key).resolve("peer-" + scenario.replaceAll("[^a-zA-Z0-9]+", "-"));
        Files.createDirectories(folder);
        long records = AirtableJsPeer.writeInput(mapping, db, folder.resolve("input.json"));
        airtable.clearRequests();
        airtable.resetRateLimits();
        Proc.MachineCpu before = Proc.MachineCpu.now();
        long harnessCpuBefore = Proc.cpuMillis(Proc.selfPid());
        AirtableJsPeer.Outcome o = AirtableJsPeer.run(folder.resolve("input.json"), airtable.url(), baseId, TOKEN,
                folder.resolve("peer.log"));
        Proc.MachineCpu after = Proc.MachineCpu.now();
        List<LoggedRequest> log = airtable.requests();
        writeArrivals(log, baseId, folder.resolve("arrivals.tsv"));
        RequestTally tally = RequestTally.of(log, baseId, spec.scale().rate());
        ResultsReport.PeerResult r = new ResultsReport.PeerResult(scenario, o, tally, records,
                world.competing(spec.scale()), spec.scale().rate(), after.busySince(before),
                after.busyMillisSince(before) - (Proc.cpuMillis(Proc.selfPid()) - harnessCpuBefore));
        log(String.format(Locale.ROOT, "   %,d requests, %d x 429, %,d records, %,d failed, %.1f s, efficiency %.3f",
                tally.total(), tally.rateLimited, o.records(), o.failed(), o.elapsedMs() / 1000.0, r.efficiency()));
        return r;
    }

    // -------------------------------------------------------------------------------------------- ratio

    ResultsReport.RatioSuite runRatio(Spec spec) throws Exception {
        log("== prototype comparison: " + spec.label());
        ResultsReport.RatioSuite suite = new ResultsReport.RatioSuite(spec.users(), spec.scale());
        Path dir = work.resolve(String.format(Locale.ROOT, "%02d-ratio-%dx%d", ++suites, spec.users(),
                spec.scale().factor()));
        try (EmbeddedMongo mongo = EmbeddedMongo.start();
             MongoClient client = MongoClients.create(mongo.connectionString());
             AirtableEmulator airtable = AirtableEmulator.start(emulatorOptions(spec.scale()))) {
            MongoDatabase db = client.getDatabase(DATABASE);
            suite.counts = new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).seed(db, spec.users());
            airtable.addBaseFromFile("appBenchAirsync01", SCHEMA);
            airtable.addBaseFromFile("appBenchCareful01", SCHEMA);
            airtable.addBaseFromFile("appBenchAsIs00001", SCHEMA);
            Runner runner = new Runner(spec, airtable, mongo, dir);
            suite.airsync = runner.run("initial", "Airsync: initial load into an empty base",
                    new Target("appBenchAirsync01", dir.resolve("airsync")), null, null, suite.counts.total());

            SyncMapping mapping = new MappingLoader().load(MappingLoader.DEFAULT_LOCATION);
            for (PrototypeBaseline.Variant variant : PrototypeBaseline.Variant.values()) {
                String base = variant == PrototypeBaseline.Variant.CAREFUL ? "appBenchCareful01" : "appBenchAsIs00001";
                log("-- " + spec.label() + ": prototype " + variant.label);
                airtable.clearRequests();
                airtable.resetRateLimits();
                Proc.MachineCpu before = Proc.MachineCpu.now();
                PrototypeBaseline.Outcome o = new PrototypeBaseline(airtable.url(), base, TOKEN, spec.scale().rate(),
                        spec.scale().penalty(), variant).run(mapping, db);
                RequestTally tally = RequestTally.of(airtable.requests(), base, spec.scale().rate());
                int landed = airtable.records(base, "Users").size() + airtable.records(base, "Events").size()
                        + airtable.records(base, "Messages").size();
                suite.baselines.add(new ResultsReport.Baseline(o, tally, landed, Proc.MachineCpu.now().busySince(before)));
                log(String.format(Locale.ROOT, "   %,d requests, %d x 429, %,d failed, %,d records landed, %.1f s",
                        tally.total(), tally.rateLimited, o.failed(), landed, o.wallMs() / 1000.0));
            }
        }
        return suite;
    }

    // ------------------------------------------------------------------------------------------ helpers

    static void log(String line) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }

    static void deleteRecursively(Path dir) throws IOException {
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
