package io.airsync.testing.airtable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the Airtable emulator standalone until killed:
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.airsync.testing.airtable.AirtableEmulatorMain \
 *   -Dexec.args="--port 8787 --schema infra/airtable/schema.json --data-dir infra/local/data/airtable"
 * </pre>
 */
@Command(name = "airtable-emulator", mixinStandardHelpOptions = true,
        description = "Serves a stateful Airtable Web API stand-in on 127.0.0.1 until killed.")
public final class AirtableEmulatorMain implements Callable<Integer> {
    static final String DEFAULT_BASE_ID = "appAirsyncLocal01";

    @Option(names = "--port", description = "TCP port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 = any free port)")
    int port = 8787;

    @Option(names = "--schema", paramLabel = "[BASEID=]FILE",
            description = "Base schema JSON (metadata API shape {\"tables\":[...]}); repeatable. "
                    + "Without BASEID= the base gets --base-id.")
    List<String> schemas = new ArrayList<>();

    @Option(names = "--base-id", description = "Base ID for --schema given without BASEID= (default ${DEFAULT-VALUE})")
    String baseId = DEFAULT_BASE_ID;

    @Option(names = "--token", description = "Accepted bearer token; repeatable (default test-token)")
    List<String> tokens = new ArrayList<>();

    @Option(names = "--data-dir", description = "Folder where bases persist as JSON (default: memory only)")
    Path dataDir;

    @Option(names = "--rate", description = "Requests per second per base before 429; 0 = unlimited (default ${DEFAULT-VALUE})")
    int rate = 5;

    @Option(names = "--penalty", description = "429 penalty after exceeding the rate, e.g. 30s, 500ms, PT30S (default ${DEFAULT-VALUE})")
    String penalty = "30s";

    @Option(names = "--latency", description = "Delay added to every answer, e.g. 50ms (default ${DEFAULT-VALUE})")
    String latency = "0ms";

    @Option(names = "--one-way-delay", paramLabel = "MIN-MAX",
            description = "Network delay each way, drawn per request and per answer, e.g. 0-100ms (uniform) or 20ms (default none)")
    String oneWayDelay = "none";

    @Option(names = "--competing-client", paramLabel = "RATE",
            description = "Another client spending this many requests/s of every base's budget, e.g. 1 (default ${DEFAULT-VALUE})")
    double competing = 0;

    public static void main(String[] args) {
        int exit = new CommandLine(new AirtableEmulatorMain()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public Integer call() throws Exception {
        EmulatorOptions options = new EmulatorOptions()
                .port(port)
                .requestsPerSecond(rate)
                .penalty(duration(penalty, "--penalty"))
                .latency(duration(latency, "--latency"))
                .oneWayDelay(OneWayDelay.parse(oneWayDelay))
                .competingRequestsPerSecond(competing)
                .dataDir(dataDir);
        if (!tokens.isEmpty()) {
            options.token(tokens.get(0));
            tokens.subList(1, tokens.size()).forEach(options::addToken);
        }
        AirtableEmulator emulator = AirtableEmulator.start(options);
        try {
            for (String schema : schemas) {
                int eq = schema.indexOf('=');
                String id = eq > 0 ? schema.substring(0, eq) : baseId;
                Path file = Path.of(eq > 0 ? schema.substring(eq + 1) : schema);
                if (!Files.isRegularFile(file)) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "--schema: no such file " + file.toAbsolutePath());
                }
                emulator.addBaseFromFile(id, file);
            }
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "airtable-emulator-shutdown"));
        System.out.println("Airtable emulator listening on " + emulator.url()
                + " (bases " + emulator.baseIds() + ", " + (rate > 0 ? rate + " requests/s per base" : "no rate limit")
                + (options.oneWayDelay().isNone() ? "" : ", one-way delay " + options.oneWayDelay())
                + (competing > 0 ? ", a competing client at " + competing + " requests/s" : "")
                + (dataDir != null ? ", data in " + dataDir.toAbsolutePath() : ", memory only") + ")");
        System.out.println("AIRTABLE_URL=" + emulator.url());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** "30s", "500ms", "2m", a bare number of milliseconds, or ISO-8601 ("PT30S"). */
    static Duration duration(String text, String option) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt") || t.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1).trim()) * 60));
            }
            return Duration.ofMillis(Long.parseLong(t));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": cannot read the duration \"" + text + "\" (use e.g. 30s, 500ms or PT30S)");
        }
    }
}
