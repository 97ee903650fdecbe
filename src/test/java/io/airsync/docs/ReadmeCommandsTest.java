package io.airsync.docs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.lambda.InvocationParser;
import io.airsync.testing.BoundedProcess;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.EmulatorOptions;
import io.airsync.testing.local.LocalSync;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import picocli.CommandLine;

/**
 * The commands the READMEs give, taken from the markdown itself (so the test fails when a README drifts), run as far as
 * they can run offline: the curl examples against the Airtable emulator, the payloads given to {@code aws lambda invoke}
 * and to the local run through the payload parser, the local run's and the standalone tools' options through their
 * own command-line parsers.
 */
class ReadmeCommandsTest {

    static final List<Path> READMES = List.of(Path.of("README.md"), Path.of("infra", "airtable", "README.md"),
            Path.of("infra", "events", "README.md"), Path.of("benchmarks", "README.md"),
            Path.of("terraform", "README.md"));
    static final String DOCUMENTED_BASE = "appAirsyncLocal01";
    static final String DOCUMENTED_ADDRESS = "127.0.0.1:8787";
    static final List<String> TABLES = List.of("Users", "Events", "Messages");

    @Test
    void curlExamplesWorkAgainstTheEmulator() throws Exception {
        Assumptions.assumeTrue(onPath("curl") && onPath("bash"), "curl and bash are needed to run the curl examples");
        List<String> curls = commands().stream().filter(c -> c.startsWith("curl ")).toList();
        assertTrue(curls.size() >= 4, "the READMEs' curl examples were found: " + curls);
        try (AirtableEmulator airtable = AirtableEmulator.start(new EmulatorOptions().requestsPerSecond(0))) {
            airtable.addBaseFromFile(DOCUMENTED_BASE, Path.of("infra", "airtable", "schema.json"));
            for (String curl : curls) {
                assertTrue(curl.contains(DOCUMENTED_ADDRESS), "a curl example goes to the documented emulator: " + curl);
                String command = curl.replace(DOCUMENTED_ADDRESS, "127.0.0.1:" + airtable.port())
                        + " --silent --show-error --write-out '\\nHTTP %{http_code}'";
                BoundedProcess.Result run = BoundedProcess.run(new ProcessBuilder("bash", "-c", command)
                        .redirectErrorStream(true), Duration.ofSeconds(60));
                String output = run.output();
                assertFalse(run.timedOut(), "no answer in 60 s (hang guard): " + curl + "\n" + output);
                assertEquals(0, run.exitCode(), curl + "\n" + output);
                assertTrue(output.endsWith("HTTP 200"), "README example answered 200: " + curl + "\n" + output);
            }
            List<String> posted = airtable.records(DOCUMENTED_BASE, "Users").stream()
                    .map(r -> String.valueOf(((Map<?, ?>) r.get("fields")).get("Mongo ID"))).toList();
            assertEquals(curls.stream().filter(c -> c.contains("-X POST")).count(), posted.size(),
                    "each POST example created its record: " + posted);
        }
    }

    @Test
    void payloadsTheReadmesGiveAreAccepted() throws IOException {
        Set<String> payloads = new LinkedHashSet<>();
        Matcher m = Pattern.compile("--payload\\s+('([^']*)'|(\\S+))").matcher(String.join("\n", commands())
                + "\n" + String.join("\n", localArgs()));
        while (m.find()) {
            payloads.add(m.group(2) != null ? m.group(2) : m.group(3));
        }
        assertTrue(payloads.size() >= 4, "the READMEs' payloads were found: " + payloads);
        InvocationParser parser = new InvocationParser();
        List<Executable> checks = new ArrayList<>();
        for (String payload : payloads) {
            if (payload.startsWith("\"$(")) {
                continue;
            }
            checks.add(() -> {
                String json = payload;
                if (!payload.startsWith("{")) {
                    Path file = Path.of(payload.replaceFirst("^file://", ""));
                    assertTrue(Files.isRegularFile(file), "the payload file a README names exists: " + payload);
                    json = Files.readString(file);
                }
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                assertDoesNotThrow(() -> parser.parse(new ByteArrayInputStream(bytes), TABLES),
                        "README payload " + payload);
            });
        }
        assertAll(checks);
    }

    @Test
    void localRunOptionsTheReadmeGivesAreAccepted() throws IOException {
        List<String> args = localArgs();
        assertTrue(args.size() >= 4, "the local run's options were found: " + args);
        assertAll(args.stream().<Executable>map(a -> () -> assertDoesNotThrow(
                () -> new CommandLine(new LocalSync()).parseArgs(words(a)), "-Dlocal.args=" + a)));
    }

    @Test
    void standaloneToolsStartWithTheDocumentedArguments() throws Exception {
        Pattern exec = Pattern.compile("-Dexec\\.mainClass=(\\S+).*?-Dexec\\.args=\"([^\"]*)\"", Pattern.DOTALL);
        List<Executable> checks = new ArrayList<>();
        for (String command : commands()) {
            Matcher m = exec.matcher(command);
            if (!m.find()) {
                continue;
            }
            Class<?> main = Class.forName(m.group(1));
            String[] args = words(m.group(2));
            checks.add(() -> {
                CommandLine cli = new CommandLine(main);
                assertDoesNotThrow(() -> cli.parseArgs(args), command);
            });
            for (int i = 0; i + 1 < args.length; i++) {
                if (args[i].equals("--schema")) {
                    Path schema = Path.of(args[i + 1].replaceFirst("^app\\w+=", ""));
                    checks.add(() -> assertTrue(Files.isRegularFile(schema), "documented schema " + schema + " exists"));
                }
            }
        }
        assertFalse(checks.isEmpty(), "the READMEs' exec:java commands were found");
        assertAll(checks);
    }

    /** Shell commands of the READMEs' fenced sh/bash blocks, continuation lines joined, comments dropped. */
    static List<String> commands() throws IOException {
        List<String> commands = new ArrayList<>();
        Pattern block = Pattern.compile("```(?:sh|bash|shell)\\n(.*?)```", Pattern.DOTALL);
        for (Path readme : READMES) {
            Matcher m = block.matcher(Files.readString(readme));
            while (m.find()) {
                String joined = m.group(1).replaceAll("\\\\\\n\\s*", "");
                for (String line : joined.split("\n")) {
                    String command = line.strip();
                    if (!command.isEmpty() && !command.startsWith("#")) {
                        commands.add(command);
                    }
                }
            }
        }
        return commands;
    }

    /** The argument strings the READMEs pass to the local run ({@code -Dlocal.args=...}). */
    static List<String> localArgs() throws IOException {
        List<String> args = new ArrayList<>();
        Pattern option = Pattern.compile("-Dlocal\\.args=(\"([^\"]*)\"|([^\\s`]+))");
        for (Path readme : READMES) {
            Matcher m = option.matcher(Files.readString(readme));
            while (m.find()) {
                args.add(m.group(2) != null ? m.group(2) : m.group(3));
            }
        }
        return args;
    }

    private static String[] words(String args) {
        return args.isBlank() ? new String[0] : args.strip().split("\\s+");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
